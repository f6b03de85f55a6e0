//! Verifiable documents: Ed25519-signed credentials, their QR codes and PDF documents.
//!
//! Every permit, decision, registration and certificate umis issues carries a short signed
//! token (`UMIS1.<payload>.<signature>`) that anyone can check offline with only the published
//! key set and, optionally, the signed revocation list. The token is printed as a QR code and
//! stored in the PDF's metadata, so a paper copy, a phone screen and a mailed file are all
//! checked the same way by [`verify`].

mod canonical;
pub mod claims;
mod clock;
pub mod hex;
pub mod jwks;
pub mod keys;
pub mod pdf;
mod pdf_text;
pub mod qr;
pub mod revocation;
mod sign;
pub mod token;

pub use claims::{Claims, ClaimsError, DocType, NewClaims};
pub use jwks::{Jwks, JwksError};
pub use keys::{KeyError, KeyRing};
pub use pdf::{PdfError, Reasons, render_decision_pdf, render_pdf, token_from_pdf};
pub use pdf_text::words;
pub use qr::{QrError, QrMatrix, qr_modules};
pub use revocation::{RevocationEntry, RevocationError, RevocationList};
pub use token::{FormatError, Rejection, Status, Verified, verify};
pub use umis_words::Lang;
