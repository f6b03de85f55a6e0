//! Uploaded documents: type found from content, size and pixel limits, metadata stripped.
//!
//! Applicants attach passport scans, photos and supporting documents to their cases. Following
//! OWASP ASVS 5.0 chapter V5, [`accept`] takes the uploaded bytes and either refuses them with
//! a [`Refusal`] the uploader can read, or returns an [`Accepted`] file ready to store:
//!
//! - the size is bounded before anything is parsed;
//! - the type is found from the content alone: a name or declared type is never asked for, so
//!   an HTML page renamed `.pdf` is still an HTML page;
//! - JPEG and PNG are walked structure by structure with bounds checks, their declared pixel
//!   size is checked before any pixel data is looked at (a decoder would otherwise allocate
//!   for a 20,000 x 20,000 "image" of a few bytes), and metadata is dropped: EXIF (with GPS
//!   position), XMP, IPTC, comments, text chunks and thumbnails, which reveal more than the
//!   picture shows;
//! - PDFs are checked and stored **unchanged**: no PDF object is rewritten, so nothing is
//!   cleaned either. Active content (JavaScript, launch actions, embedded files, rich media,
//!   XFA forms, automatic actions) and encryption are refused instead;
//! - a file that is also readable as a page (`<script`, `<html`, `<svg` in its first
//!   kilobyte) is refused, so browser type guessing cannot turn it into one.
//!
//! Parsing only ever allocates in proportion to the input, never to sizes the input declares.
//!
//! Serving is the web layer's part: stored files get names from [`download_name`], never the
//! uploader's, and go out with [`FileKind::mime`] as `Content-Type`, `X-Content-Type-Options:
//! nosniff` and [`content_disposition`], so they are downloaded, never shown inline as a page
//! or executed.

mod jpeg;
mod names;
mod pdf;
mod png;
mod refusal;
mod sniff;

pub use names::{content_disposition, download_name};
pub use refusal::{LooksLike, Refusal};

/// The accepted types of upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// A PDF document.
    Pdf,
    /// A JPEG image.
    Jpeg,
    /// A PNG image.
    Png,
}

impl FileKind {
    /// The media type to serve the file with.
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
        }
    }
}

/// Bounds on what is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    max_bytes: usize,
    max_pixels: u64,
    max_side: u32,
}

/// Why limits could not be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitsError {
    /// A limit of zero would refuse every file.
    #[error("every upload limit must be above zero")]
    Zero,
}

impl Limits {
    /// Limits of `max_bytes` per file, `max_pixels` per image and `max_side` pixels per side.
    pub fn new(max_bytes: usize, max_pixels: u64, max_side: u32) -> Result<Limits, LimitsError> {
        if max_bytes == 0 || max_pixels == 0 || max_side == 0 {
            return Err(LimitsError::Zero);
        }
        Ok(Limits { max_bytes, max_pixels, max_side })
    }

    /// Largest accepted file, in bytes.
    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    /// Largest accepted image area, in pixels.
    pub fn max_pixels(&self) -> u64 {
        self.max_pixels
    }

    /// Largest accepted image width or height, in pixels.
    pub fn max_side(&self) -> u32 {
        self.max_side
    }

    /// Refuses a declared image size over the limits, before any pixel data is read.
    fn check_pixels(&self, width: u32, height: u32) -> Result<(), Refusal> {
        let area = u64::from(width) * u64::from(height);
        if width > self.max_side || height > self.max_side || area > self.max_pixels {
            return Err(Refusal::TooManyPixels { width, height });
        }
        Ok(())
    }
}

impl Default for Limits {
    /// 10 MiB, 40 megapixels (a 7,300 x 5,500 photo), 12,000 pixels a side.
    fn default() -> Limits {
        Limits { max_bytes: 10 * 1024 * 1024, max_pixels: 40_000_000, max_side: 12_000 }
    }
}

/// An accepted upload, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The type, found from the content.
    pub kind: FileKind,
    /// The bytes to store: images without metadata, PDFs as uploaded.
    pub bytes: Vec<u8>,
    /// SHA-256 of [`Accepted::bytes`], lower-case hex.
    pub sha256: String,
    /// Image width in pixels; `None` for PDFs.
    pub width: Option<u32>,
    /// Image height in pixels; `None` for PDFs.
    pub height: Option<u32>,
    /// What was removed, each named once in order of first sight, e.g. `"EXIF"`, `"XMP"`,
    /// `"tEXt"`; empty when nothing was.
    pub stripped: Vec<&'static str>,
}

/// What a format's parser hands back: the bytes to store and what it learned on the way.
struct Cleaned {
    bytes: Vec<u8>,
    size: Option<(u32, u32)>,
    stripped: Stripped,
}

/// Names of removed parts, each kept once so a file with a hundred comments says so once.
#[derive(Default)]
struct Stripped(Vec<&'static str>);

impl Stripped {
    fn add(&mut self, what: &'static str) {
        if !self.0.contains(&what) {
            self.0.push(what);
        }
    }
}

/// Checks an upload and returns what to store, or why it is refused.
///
/// Never panics, whatever the bytes; memory use is bounded by a small multiple of the input.
pub fn accept(bytes: &[u8], limits: &Limits) -> Result<Accepted, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(Refusal::TooLarge { max_bytes: limits.max_bytes });
    }
    let kind = sniff::identify(bytes).map_err(Refusal::UnsupportedType)?;
    let cleaned = match kind {
        FileKind::Jpeg => jpeg::clean(bytes, limits)?,
        FileKind::Png => png::clean(bytes, limits)?,
        FileKind::Pdf => pdf::check(bytes)?,
    };
    // The stored bytes are checked too: stripping moves later bytes into the first kilobyte.
    if sniff::has_markup(bytes) || sniff::has_markup(&cleaned.bytes) {
        return Err(Refusal::ActiveContent("HTML or script markup"));
    }
    // Lower-case hex, the same spelling as every other digest umis stores.
    let sha256 = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&cleaned.bytes));
    Ok(Accepted {
        kind,
        sha256,
        width: cleaned.size.map(|(w, _)| w),
        height: cleaned.size.map(|(_, h)| h),
        bytes: cleaned.bytes,
        stripped: cleaned.stripped.0,
    })
}
