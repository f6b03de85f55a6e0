//! The portal's static files, compiled into the binary: the style sheet (govuk-frontend built
//! with umis's identity by `web/build-assets.mjs`), the progressive-enhancement script and the
//! QR decoder it loads on demand. Each is compressed once, on first use, and served with a
//! version in its URL so browsers may keep it for a year.

use super::{PageAccess, PageRoute, page};
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::sync::OnceLock;

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[page("GET", "/assets/{name}", PageAccess::Public, || get(serve))];

struct Asset {
    name: &'static str,
    media_type: &'static str,
    body: &'static [u8],
}

const FILES: &[Asset] = &[
    Asset {
        name: "umis.css",
        media_type: "text/css; charset=utf-8",
        body: include_bytes!("../../assets/portal/umis.css"),
    },
    Asset {
        name: "umis.js",
        media_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../assets/portal/umis.js"),
    },
    Asset {
        name: "jsqr.js",
        media_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../../assets/portal/jsqr.js"),
    },
];

struct Prepared {
    gzip: Vec<u8>,
    version: String,
}

fn prepared(index: usize) -> &'static Prepared {
    static CACHE: [OnceLock<Prepared>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    CACHE[index].get_or_init(|| {
        let body = FILES[index].body;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let gzip = gz.write_all(body).and_then(|()| gz.finish()).unwrap_or_default();
        let digest = Sha256::digest(body);
        Prepared { gzip, version: umis_core::hex::hex(&digest[..6]) }
    })
}

/// The URL of the asset `name`, with its content version (`/assets/umis.css?v=…`).
pub fn url(name: &str) -> String {
    match FILES.iter().position(|a| a.name == name) {
        Some(i) => format!("/assets/{name}?v={}", prepared(i).version),
        None => format!("/assets/{name}"),
    }
}

/// The size in bytes an asset travels with (gzip), for the page-weight figures.
pub fn transfer_size(name: &str) -> Option<usize> {
    FILES.iter().position(|a| a.name == name).map(|i| prepared(i).gzip.len())
}

async fn serve(Path(name): Path<String>, headers: HeaderMap) -> Response {
    let Some(i) = FILES.iter().position(|a| a.name == name) else {
        return super::errors::PageError::NotFound.into_response();
    };
    let asset = &FILES[i];
    let gzip_ok = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.split(';').next().is_some_and(|e| e.trim() == "gzip")));
    let mut r = if gzip_ok {
        let mut r = prepared(i).gzip.clone().into_response();
        r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        r
    } else {
        asset.body.into_response()
    };
    *r.status_mut() = StatusCode::OK;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.media_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    r
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_asset_compresses_and_has_a_version() {
        for name in ["umis.css", "umis.js", "jsqr.js"] {
            assert!(super::url(name).contains("?v="), "{name}");
            assert!(super::transfer_size(name).is_some_and(|n| n > 0), "{name}");
        }
        let css = super::transfer_size("umis.css").unwrap_or(usize::MAX);
        assert!(css < 40_000, "the style sheet travels in {css} bytes");
    }
}
