//! The line structure of a source file: sections, labels, statements and data directives,
//! classified exactly as zkevm-assembly does, with the lines it would silently drop refused.

use super::error::{AsmError, AsmErrorKind};

/// A slice of the source with its position (1-based line and column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    /// The text.
    pub text: &'a str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
}

impl<'a> Tok<'a> {
    /// An error located at this token.
    pub fn err(&self, kind: AsmErrorKind) -> AsmError {
        AsmError { line: self.line, column: self.col, token: self.text.to_owned(), kind }
    }

    /// The sub-slice `text[start..end]` (byte offsets; the text is ASCII) with its position.
    pub fn slice(&self, start: usize, end: usize) -> Tok<'a> {
        Tok { text: &self.text[start..end], line: self.line, col: self.col + start }
    }

    /// This token without leading and trailing spaces and tabs.
    pub fn trim(&self) -> Tok<'a> {
        let start = self.text.len() - self.text.trim_start_matches(is_blank).len();
        let end = self.text.trim_end_matches(is_blank).len().max(start);
        self.slice(start, end)
    }

    /// A token with the same position but synthetic text (operands an alias inserts).
    pub fn synthetic(&self, text: &'static str) -> Tok<'a> {
        Tok { text, line: self.line, col: self.col }
    }
}

/// Spaces and tabs: the only whitespace zkevm-assembly's parsers skip.
pub(crate) fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The three section kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SectionKind {
    /// `.text`: instructions.
    Text,
    /// `.rodata*`: constants on the code page.
    Rodata,
    /// `.data*`: globals, on the stack.
    Globals,
}

/// One meaningful line of a section.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Item<'a> {
    /// `name:`
    Label(Tok<'a>),
    /// An instruction (in `.text`).
    Statement(Tok<'a>),
    /// `.cell ...` or `.zero ...` (in `.rodata`/`.data`).
    Data(Tok<'a>),
}

/// A section with its items in source order.
#[derive(Clone, Debug)]
pub(crate) struct Section<'a> {
    /// Its kind.
    pub kind: SectionKind,
    /// Labels, statements and data, in order.
    pub items: Vec<Item<'a>>,
}

/// Splits a source into sections. Comments (from `;`) are dropped, directives other than section
/// headers, `.cell` and `.zero` are ignored, blank lines skipped; `compat` also ignores
/// `.cell`/`.zero` in `.text`, as zkevm-assembly does.
pub(crate) fn sections(src: &str, compat: bool) -> Result<Vec<Section<'_>>, AsmError> {
    let mut out: Vec<Section<'_>> = Vec::new();
    for (index, raw) in src.lines().enumerate() {
        let code = raw.split(';').next().unwrap_or("");
        let whole = Tok { text: code, line: index + 1, col: 1 };
        check_characters(whole)?;
        let body = whole.trim();
        if body.text.is_empty() {
            continue;
        }
        if let Some(kind) = section_header(body.text) {
            if body.text.contains(':') {
                return Err(body.err(AsmErrorKind::BadLabelName));
            }
            out.push(Section { kind, items: Vec::new() });
            continue;
        }
        let item = classify(body)?;
        match (out.last_mut(), item) {
            (Some(section), Some(item)) => {
                if let (SectionKind::Text, Item::Data(tok)) = (section.kind, item) {
                    if compat {
                        continue;
                    }
                    return Err(tok.err(AsmErrorKind::DataInText));
                }
                if let (SectionKind::Rodata | SectionKind::Globals, Item::Statement(tok)) =
                    (section.kind, item)
                {
                    return Err(tok.err(AsmErrorKind::BadData("expected `.cell` or `.zero`")));
                }
                section.items.push(item);
            }
            (None, Some(Item::Label(tok) | Item::Statement(tok) | Item::Data(tok))) => {
                return Err(tok.err(AsmErrorKind::OutsideSection));
            }
            (_, None) => {}
        }
    }
    for section in &out {
        let first_label = section.items.iter().position(|i| matches!(i, Item::Label(_)));
        for item in &section.items[..first_label.unwrap_or(section.items.len())] {
            match (item, first_label) {
                (Item::Statement(tok) | Item::Data(tok), None) => {
                    return Err(tok.err(AsmErrorKind::UnlabeledSection));
                }
                (Item::Data(tok), Some(_)) => return Err(tok.err(AsmErrorKind::UnlabeledData)),
                _ => {}
            }
        }
    }
    Ok(out)
}

/// Which section a line opens, by the prefix zkevm-assembly matches (`.rodata` before `.data`).
fn section_header(body: &str) -> Option<SectionKind> {
    if body.starts_with(".rodata") {
        Some(SectionKind::Rodata)
    } else if body.starts_with(".data") {
        Some(SectionKind::Globals)
    } else if body.starts_with(".text") {
        Some(SectionKind::Text)
    } else {
        None
    }
}

/// A label, a statement, a data directive, or nothing (an ignored directive).
fn classify(body: Tok<'_>) -> Result<Option<Item<'_>>, AsmError> {
    if let Some(colon) = body.text.find(':') {
        let name = body.slice(0, colon);
        let after = body.slice(colon + 1, body.text.len()).trim();
        if !after.text.is_empty() {
            return Err(after.err(AsmErrorKind::TextAfterLabel));
        }
        check_label_name(name)?;
        return Ok(Some(Item::Label(name)));
    }
    if body.text.starts_with('.') {
        let word = body.text.split(is_blank).next().unwrap_or("");
        return Ok(match word {
            ".cell" | ".zero" => Some(Item::Data(body)),
            _ => None,
        });
    }
    Ok(Some(Item::Statement(body)))
}

/// Label names: letters, digits, `_`, `.`, `$`; not a section header, not reserved.
pub(crate) fn check_label_name(name: Tok<'_>) -> Result<(), AsmError> {
    let ok = !name.text.is_empty()
        && name.text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '$'))
        && section_header(name.text).is_none()
        && !name.text.starts_with(super::link::INTERNAL_INIT_PREFIX);
    if ok { Ok(()) } else { Err(name.err(AsmErrorKind::BadLabelName)) }
}

/// Only printable ASCII, spaces and tabs outside comments.
fn check_characters(code: Tok<'_>) -> Result<(), AsmError> {
    for (column, c) in code.text.chars().enumerate() {
        if !(c == ' ' || c == '\t' || c.is_ascii_graphic()) {
            let mut token = String::new();
            token.push(c);
            return Err(AsmError {
                line: code.line,
                column: column + 1,
                token,
                kind: AsmErrorKind::BadCharacter,
            });
        }
    }
    Ok(())
}
