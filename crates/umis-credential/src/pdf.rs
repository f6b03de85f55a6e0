//! The printable document: an A4 page with the credential's fields, its QR code and its token.
//!
//! A decision that rests on coded grounds (a refusal) names them on a page of its own: each
//! code the token signs, in the words and with the article the caller gives for it, and the
//! note the decision adds ([`render_decision_pdf`]).
//!
//! The token is also stored in the PDF's metadata (the subject, prefixed `umis-credential:`),
//! so a PDF received by e-mail can be checked without scanning it: [`token_from_pdf`] reads it
//! back and the ordinary verification decides. Nothing else in the file is trusted; a reader
//! who edits the printed text changes nothing the signature covers.

use super::claims::Claims;
use super::pdf_text::{Labels, labels, title};
use super::qr::{QUIET_ZONE, QrError, QrMatrix, qr_modules};
use super::token::{FormatError, MAX_TOKEN_LEN, decode};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use umis_words::Lang;

/// DejaVu Sans (Bitstream Vera licence, see `assets/fonts/LICENSE`): it has ə, ş, ğ and Cyrillic.
static FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

/// Marks the token in the PDF's metadata.
pub const METADATA_PREFIX: &str = "umis-credential:";

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
const QR_SIZE: f32 = 220.0;
const TOKEN_CHARS_PER_LINE: usize = 100;

/// Why no PDF could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The token is not a readable credential token.
    #[error("the token cannot be read: {0}")]
    Token(FormatError),
    /// The token states other claims than those to be printed.
    #[error("the token does not carry these claims")]
    Mismatch,
    /// No QR code could be made.
    #[error("{0}")]
    Qr(#[from] QrError),
    /// The embedded font failed to load.
    #[error("the embedded font could not be loaded")]
    Font,
    /// The PDF writer failed.
    #[error("the PDF could not be written: {0}")]
    Render(String),
}

/// What a decision's document prints besides its claims: the words of each coded ground its
/// token signs (in the document's language, with the legal citation) and the decision's note.
pub struct Reasons<'a> {
    /// The printed line of a ground's code.
    pub ground: &'a dyn Fn(&str) -> String,
    /// The note the decision adds to its grounds.
    pub note: Option<&'a str>,
}

/// Renders `claims` and their `token` as an A4 document in `lang`.
///
/// The token must carry exactly these claims (the key id is taken from the token), so a page
/// can never print one thing while its QR code proves another. Grounds the token signs are
/// printed by their codes; [`render_decision_pdf`] prints them in words.
pub fn render_pdf(claims: &Claims, token: &str, lang: Lang) -> Result<Vec<u8>, PdfError> {
    render_decision_pdf(claims, token, lang, &Reasons { ground: &str::to_owned, note: None })
}

/// Renders a decision like [`render_pdf`], with a page that names its grounds: one line per code
/// the token signs (as `reasons.ground` words it), then the note. No page is added when there
/// are neither grounds nor a note.
pub fn render_decision_pdf(
    claims: &Claims,
    token: &str,
    lang: Lang,
    reasons: &Reasons<'_>,
) -> Result<Vec<u8>, PdfError> {
    let signed = decode(token).map_err(PdfError::Token)?.claims;
    if signed.fields() != claims.fields() || !(claims.kid().is_empty() || claims.kid() == signed.kid()) {
        return Err(PdfError::Mismatch);
    }
    let qr = qr_modules(token)?;
    let font = Font::new(FONT_BYTES.into(), 0).ok_or(PdfError::Font)?;
    let text = labels(lang);
    let heading = title(signed.fields().doc_type, &signed.fields().kind, lang);

    let mut document = Document::new();
    document.set_metadata(metadata(&signed, &heading, token, &text));
    let settings =
        PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| PdfError::Render("page size".into()))?;
    let mut page = document.start_page_with(settings.clone());
    let mut surface = page.surface();
    let mut pen = Pen { surface: &mut surface, font: font.clone() };
    pen.head(&text, &heading);
    let y = pen.fields(&signed, &text, 148.0);
    let qr_top = y + 10.0;
    pen.qr(&qr, (PAGE_W - QR_SIZE) / 2.0, qr_top);
    let mut line_y = qr_top + QR_SIZE + 14.0;
    for chunk in token.as_bytes().chunks(TOKEN_CHARS_PER_LINE) {
        // The token is ASCII, so byte chunks are whole characters.
        pen.text(MARGIN, line_y, 6.0, BLACK, std::str::from_utf8(chunk).unwrap_or(""));
        line_y += 8.0;
    }
    pen.text(MARGIN, PAGE_H - 70.0, 9.0, GREY, &text.note);
    surface.finish();
    page.finish();
    let lines = reason_lines(&signed, &text, reasons);
    for on_page in lines.chunks(LINES_PER_PAGE) {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        let mut pen = Pen { surface: &mut surface, font: font.clone() };
        pen.head(&text, &heading);
        let mut y = 148.0;
        for (label, line) in on_page {
            let (size, colour) = if *label { (9.0, GREY) } else { (11.0, BLACK) };
            pen.text(MARGIN, y, size, colour, line);
            y += LINE_HEIGHT;
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| PdfError::Render(format!("{e:?}")))
}

/// Lines of the grounds' pages and characters per line (11 pt across the page's width).
const LINES_PER_PAGE: usize = 40;
const CHARS_PER_LINE: usize = 80;
const LINE_HEIGHT: f32 = 15.0;

/// The lines naming the grounds and the note, each marked whether it is a label.
fn reason_lines(signed: &Claims, text: &Labels, reasons: &Reasons<'_>) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let grounds = &signed.fields().grounds;
    if !grounds.is_empty() {
        out.push((true, text.grounds.clone()));
        for (n, code) in grounds.iter().enumerate() {
            let words = format!("{}. {}", n + 1, (reasons.ground)(code));
            out.extend(wrap(&words, CHARS_PER_LINE).into_iter().map(|l| (false, l)));
        }
    }
    if let Some(note) = reasons.note.map(str::trim).filter(|n| !n.is_empty()) {
        out.push((false, String::new()));
        out.push((true, text.grounds_note.clone()));
        for paragraph in note.lines() {
            out.extend(wrap(paragraph, CHARS_PER_LINE).into_iter().map(|l| (false, l)));
        }
    }
    out
}

/// `text` in lines of at most `width` characters, broken between words (a longer word is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().filter(|c| !c.is_control()).collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let used = line.chars().count();
        if used > 0 && used + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.extend(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn metadata(claims: &Claims, heading: &str, token: &str, text: &Labels) -> Metadata {
    let (y, m, d) = claims.fields().issued.ymd();
    let date = DateTime::new(u16::try_from(y).unwrap_or(1970))
        .month(u8::try_from(m).unwrap_or(1))
        .day(u8::try_from(d).unwrap_or(1));
    Metadata::new()
        .title(format!("{heading} {}", claims.fields().number))
        .language(text.tag.to_owned())
        .description(format!("{METADATA_PREFIX}{token}"))
        .creator("umis".to_owned())
        .creation_date(date)
}

/// The token stored in a PDF's metadata by [`render_pdf`]. `None` when there is none, or when
/// the file holds differing tokens (an edit to one copy must not pass unnoticed).
pub fn token_from_pdf(bytes: &[u8]) -> Option<String> {
    let token_char = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    let mut found: Option<&[u8]> = None;
    for at in memchr::memmem::find_iter(bytes, METADATA_PREFIX.as_bytes()) {
        let rest = bytes.get(at + METADATA_PREFIX.len()..).unwrap_or_default();
        let len = rest.iter().take(MAX_TOKEN_LEN + 1).take_while(|b| token_char(b)).count();
        let token = rest.get(..len).unwrap_or_default();
        if len == 0 || len > MAX_TOKEN_LEN || found.is_some_and(|f| f != token) {
            return None;
        }
        found = Some(token);
    }
    found.and_then(|t| String::from_utf8(t.to_vec()).ok())
}

/// Values and the QR code.
const BLACK: (u8, u8, u8) = (0, 0, 0);
/// Labels, the frame and fixed sentences.
const GREY: (u8, u8, u8) = (90, 90, 90);

fn color((r, g, b): (u8, u8, u8)) -> rgb::Color {
    rgb::Color::new(r, g, b)
}

/// Draws on the page with the one font.
struct Pen<'a, 'b> {
    surface: &'a mut Surface<'b>,
    font: Font,
}

impl Pen<'_, '_> {
    /// The frame, the system's name and the document's title above a rule.
    fn head(&mut self, text: &Labels, heading: &str) {
        self.border();
        self.text(MARGIN, 72.0, 10.0, GREY, &text.system);
        self.text(MARGIN, 104.0, 20.0, BLACK, heading);
        self.rule(118.0);
    }

    fn fill(&mut self, rgb: (u8, u8, u8)) {
        self.surface.set_fill(Some(Fill {
            paint: color(rgb).into(),
            opacity: NormalizedF32::ONE,
            rule: FillRule::NonZero,
        }));
    }

    /// Text with its baseline at `y` (the page's y axis points down).
    fn text(&mut self, x: f32, y: f32, size: f32, rgb: (u8, u8, u8), text: &str) {
        self.fill(rgb);
        self.surface.draw_text(
            Point::from_xy(x, y),
            self.font.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let mut path = PathBuilder::new();
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            path.push_rect(rect);
        }
        if let Some(path) = path.finish() {
            self.surface.draw_path(&path);
        }
    }

    fn border(&mut self) {
        self.surface.set_fill(None);
        self.surface.set_stroke(Some(Stroke { paint: color(GREY).into(), width: 1.0, ..Default::default() }));
        self.rect(
            MARGIN - 15.0,
            MARGIN - 15.0,
            PAGE_W - 2.0 * (MARGIN - 15.0),
            PAGE_H - 2.0 * (MARGIN - 15.0),
        );
        self.surface.set_stroke(None);
    }

    fn rule(&mut self, y: f32) {
        self.fill(GREY);
        self.rect(MARGIN, y, PAGE_W - 2.0 * MARGIN, 0.8);
    }

    /// The holder across the page, then the other fields in two columns; returns the next y.
    fn fields(&mut self, claims: &Claims, text: &Labels, top: f32) -> f32 {
        let f = claims.fields();
        let width = PAGE_W - 2.0 * MARGIN;
        // A long name shrinks rather than running off the page (about 0.6 em per character).
        let holder_size = (width / (f.holder.chars().count() as f32 * 0.6)).clamp(7.0, 15.0);
        self.text(MARGIN, top, 9.0, GREY, &text.holder);
        self.text(MARGIN, top + 18.0, holder_size, BLACK, &f.holder);
        let mut rows: Vec<(&str, String)> = vec![
            (&text.number, f.number.clone()),
            (&text.travel_document, f.travel_document.clone()),
            (&text.birth, f.birth.to_string()),
            (&text.issued, f.issued.to_string()),
        ];
        rows.extend(f.valid_from.map(|d| (text.valid_from.as_str(), d.to_string())));
        rows.extend(f.valid_until.map(|d| (text.valid_until.as_str(), d.to_string())));
        rows.extend(f.employer.clone().map(|e| (text.employer.as_str(), e)));
        rows.push((&text.key, claims.kid().to_owned()));
        let mut y = top + 46.0;
        for pair in rows.chunks(2) {
            for (column, (label, value)) in pair.iter().enumerate() {
                let x = MARGIN + column as f32 * width / 2.0;
                self.text(x, y, 9.0, GREY, label);
                self.text(x, y + 16.0, 12.0, BLACK, value);
            }
            y += 38.0;
        }
        y
    }

    /// The QR code as filled squares (runs of dark modules merged into one rectangle, each
    /// a hair taller than its row so that no renderer leaves seams between rows).
    fn qr(&mut self, qr: &QrMatrix, left: f32, top: f32) {
        let modules = qr.width() + 2 * QUIET_ZONE;
        let unit = QR_SIZE / modules as f32;
        let origin = |i: usize| (i + QUIET_ZONE) as f32 * unit;
        let mut path = PathBuilder::new();
        for y in 0..qr.width() {
            let mut x = 0;
            while x < qr.width() {
                if !qr.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < qr.width() && qr.is_dark(x, y) {
                    x += 1;
                }
                let w = (x - start) as f32 * unit;
                if let Some(rect) = Rect::from_xywh(left + origin(start), top + origin(y), w, unit + 0.05) {
                    path.push_rect(rect);
                }
            }
        }
        self.fill(BLACK);
        if let Some(path) = path.finish() {
            self.surface.draw_path(&path);
        }
    }
}
