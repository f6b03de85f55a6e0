//! Why an upload was refused, in words fit to show the person who uploaded it.
//!
//! Messages never echo the file's content: only what kind of file it seems to be and, for
//! images, its pixel size, which the uploader already knows. Each refusal also has a stable
//! [`Refusal::code`] for clients that translate messages themselves.

use std::fmt;

/// What an unsupported file looks like, so the uploader learns what to convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LooksLike {
    /// An HTML page (or a file carrying HTML or script markup).
    Html,
    /// An SVG image or another XML document.
    SvgOrXml,
    /// A ZIP archive, which includes modern Office documents, or a legacy Office document.
    ZipOrOffice,
    /// A GIF image.
    Gif,
    /// A WebP image.
    WebP,
    /// A HEIC/HEIF photo, as phones often save them.
    Heic,
    /// A TIFF image, as scanners often save them.
    Tiff,
    /// A BMP image.
    Bmp,
    /// A Linux or Unix executable (ELF).
    ElfExecutable,
    /// A Windows executable or library (PE, starting `MZ`).
    PeExecutable,
    /// A macOS executable (Mach-O).
    MachOExecutable,
    /// A script starting with a `#!` line.
    Script,
    /// Nothing recognisable.
    Unknown,
}

impl fmt::Display for LooksLike {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LooksLike::Html => "an HTML page",
            LooksLike::SvgOrXml => "an SVG image or XML document",
            LooksLike::ZipOrOffice => "a ZIP archive or Office document",
            LooksLike::Gif => "a GIF image",
            LooksLike::WebP => "a WebP image",
            LooksLike::Heic => "a HEIC photo",
            LooksLike::Tiff => "a TIFF image",
            LooksLike::Bmp => "a BMP image",
            LooksLike::ElfExecutable => "a program (ELF executable)",
            LooksLike::PeExecutable => "a Windows program (PE executable)",
            LooksLike::MachOExecutable => "a macOS program (Mach-O executable)",
            LooksLike::Script => "a script",
            LooksLike::Unknown => "none of the accepted types",
        })
    }
}

/// Why an upload was refused. The `Display` text is English, safe to show to the uploader.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than the limit.
    #[error("the file is larger than the limit of {}", human_size(*max_bytes))]
    TooLarge {
        /// The limit that was exceeded, in bytes.
        max_bytes: usize,
    },
    /// Not a PDF, JPEG or PNG, judged by content, whatever the name or declared type said.
    #[error("the file looks like {0}; only PDF, JPEG and PNG files are accepted")]
    UnsupportedType(LooksLike),
    /// The structure is truncated or broken; the detail names which part, never the content.
    #[error("the file is damaged or incomplete: {0}")]
    Corrupt(&'static str),
    /// The image's declared size is over the pixel or side limit.
    #[error("the image is {width} x {height} pixels, larger than accepted")]
    TooManyPixels {
        /// Declared width in pixels.
        width: u32,
        /// Declared height in pixels.
        height: u32,
    },
    /// The file carries something a viewer could run or open: script, markup, launch actions,
    /// embedded files.
    #[error("the file contains active content ({0}) and cannot be accepted")]
    ActiveContent(&'static str),
    /// The PDF is encrypted, so its content cannot be checked.
    #[error("the PDF is encrypted or password-protected; upload an unprotected copy")]
    Encrypted,
}

impl Refusal {
    /// A stable machine-readable code: `empty`, `too_large`, `unsupported_type`, `corrupt`,
    /// `too_many_pixels`, `active_content` or `encrypted`.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Empty => "empty",
            Refusal::TooLarge { .. } => "too_large",
            Refusal::UnsupportedType(_) => "unsupported_type",
            Refusal::Corrupt(_) => "corrupt",
            Refusal::TooManyPixels { .. } => "too_many_pixels",
            Refusal::ActiveContent(_) => "active_content",
            Refusal::Encrypted => "encrypted",
        }
    }
}

/// A byte count as people read it: whole MiB or KiB when exact, bytes otherwise.
fn human_size(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}
