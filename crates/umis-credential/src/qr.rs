//! The token as a QR code matrix, for printing on the document and showing on a screen.
//!
//! Error correction level M survives about 15 % damage (a fold, a stain) while keeping a
//! typical token at version 15 or below, small enough for a phone camera at arm's length.

use super::token::MAX_TOKEN_LEN;
use qrcode::{Color, EcLevel, QrCode};

/// Light modules to leave around the code on every side, as the QR standard requires.
pub const QUIET_ZONE: usize = 4;

/// Why no QR code could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// Longer than any umis token.
    #[error("the text is {0} bytes; a credential QR code holds at most {max}", max = MAX_TOKEN_LEN)]
    TooLong(usize),
    /// The encoder refused.
    #[error("the QR encoder refused the text: {0}")]
    Encoder(String),
}

/// A square matrix of modules, row by row, `true` for dark; the quiet zone is not included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// Modules per side.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module in column `x`, row `y` is dark; outside the matrix, light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }

    /// Every module, row by row.
    pub fn modules(&self) -> &[bool] {
        &self.dark
    }
}

/// The QR code (level M, smallest version that fits) for `token`.
pub fn qr_modules(token: &str) -> Result<QrMatrix, QrError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(QrError::TooLong(token.len()));
    }
    let code = QrCode::with_error_correction_level(token.as_bytes(), EcLevel::M)
        .map_err(|e| QrError::Encoder(e.to_string()))?;
    let width = code.width();
    let dark = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
    Ok(QrMatrix { width, dark })
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn matrix_has_finder_patterns_and_bounds() {
        let m = qr_modules("UMIS1.abc.def").unwrap();
        assert_eq!(m.modules().len(), m.width() * m.width());
        // Each corner finder pattern starts with a dark 7-module edge; its 8th module is light.
        let w = m.width();
        for (x, y) in [(0, 0), (w - 7, 0), (0, w - 7)] {
            assert!((0..7).all(|i| m.is_dark(x + i, y)), "finder at {x},{y}");
        }
        assert!(!m.is_dark(7, 0));
        assert!(!m.is_dark(w, 0) && !m.is_dark(0, w));
        assert_eq!(qr_modules(&"A".repeat(MAX_TOKEN_LEN + 1)), Err(QrError::TooLong(MAX_TOKEN_LEN + 1)));
        assert!(qr_modules(&"é".repeat(MAX_TOKEN_LEN / 2)).is_ok());
    }
}
