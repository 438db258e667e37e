//! A small parser of `include/bunq.h`, for the C that cbindgen writes there and nothing
//! more: `#define NAME number`, `typedef enum { A = 0, ... } name;`, opaque
//! `typedef struct name name;`, function-pointer typedefs, function prototypes, and the doc
//! comment (`/** ... */`) before each. The include guard, `#include <...>` lines and the
//! C++ `extern "C"` block are skipped. Anything else is an error naming its line: the
//! generator must not guess what a new construct means.

use std::collections::BTreeSet;

/// What the header declares, in its order.
#[derive(Debug, Default)]
pub struct Header {
    /// `#define NAME number` lines.
    pub constants: Vec<Constant>,
    /// `typedef enum { ... } name;`.
    pub enums: Vec<Enum>,
    /// `typedef struct name name;`: handles whose insides C never sees.
    pub opaque_types: Vec<Documented>,
    /// `typedef R (*name)(...);`.
    pub callbacks: Vec<Function>,
    /// Every function prototype.
    pub functions: Vec<Function>,
}

/// A `#define` of a number.
#[derive(Debug)]
pub struct Constant {
    /// E.g. `BUNQ_ABI_VERSION`.
    pub name: String,
    /// Its value.
    pub value: u64,
    /// The doc comment before it.
    pub doc: String,
}

/// A name and its doc comment.
#[derive(Debug)]
pub struct Documented {
    /// The declared name.
    pub name: String,
    /// The doc comment before it (without `/**`, `*/` and the leading `*`s).
    pub doc: String,
}

/// A typedef'd enum.
#[derive(Debug)]
pub struct Enum {
    /// The typedef name, e.g. `bunq_status`.
    pub name: String,
    /// Its doc comment.
    pub doc: String,
    /// The members, in order, with their values.
    pub members: Vec<(Documented, i64)>,
}

/// A function prototype, or the signature of a function-pointer typedef.
#[derive(Debug)]
pub struct Function {
    /// Its name.
    pub name: String,
    /// Its doc comment.
    pub doc: String,
    /// The result type.
    pub result: CType,
    /// The parameters (none for `(void)`).
    pub parameters: Vec<Parameter>,
}

/// One parameter.
#[derive(Debug)]
pub struct Parameter {
    /// Its name in the header.
    pub name: String,
    /// Its type.
    pub ty: CType,
}

/// A type as written: `const char *` is `{is_const: true, base: "char", pointers: 1}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CType {
    /// `const` before the base type (what the pointer points at is not changed).
    pub is_const: bool,
    /// `char`, `uint64_t`, `bunq_client`, ...
    pub base: String,
    /// How many `*`.
    pub pointers: usize,
}

impl std::fmt::Display for CType {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let constness = if self.is_const { "const " } else { "" };
        write!(
            formatter,
            "{constness}{}{}",
            self.base,
            " *".repeat(self.pointers)
        )
    }
}

/// The C types the header may use besides its own typedefs.
const BUILTIN_TYPES: [&str; 9] = [
    "void", "char", "bool", "int", "size_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
];

/// One lexical token, with the line it starts on.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Doc(String),
    Word(String),
    Number(i64),
    Punct(char),
}

impl Header {
    /// Parses the header's text.
    pub fn parse(text: &str) -> Result<Header, String> {
        let tokens = tokenize(text)?;
        let mut parser = Parser {
            tokens,
            position: 0,
            header: Header::default(),
        };
        parser.declarations()?;
        parser.check_types()?;
        Ok(parser.header)
    }

    /// The value of `#define name`, if the header has it.
    pub fn constant(&self, name: &str) -> Option<u64> {
        self.constants
            .iter()
            .find(|constant| constant.name == name)
            .map(|constant| constant.value)
    }

    /// The enum called `name`.
    pub fn enumeration(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|declared| declared.name == name)
    }

    /// Whether `name` is one of the opaque handle types.
    pub fn is_opaque(&self, name: &str) -> bool {
        self.opaque_types.iter().any(|opaque| opaque.name == name)
    }

    /// Whether `name` is a function-pointer typedef.
    pub fn is_callback(&self, name: &str) -> bool {
        self.callbacks.iter().any(|callback| callback.name == name)
    }
}

/// Splits the text into tokens; directives are checked (and dropped) here.
fn tokenize(text: &str) -> Result<Vec<(usize, Token)>, String> {
    let mut tokens = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    let mut in_comment: Option<(usize, bool, String)> = None;
    while let Some((index, line)) = lines.next() {
        let number = index + 1;
        let mut rest = line;
        if let Some((start, is_doc, mut body)) = in_comment.take() {
            match rest.find("*/") {
                Some(end) => {
                    body.push_str(&rest[..end]);
                    if is_doc {
                        tokens.push((start, Token::Doc(doc_text(&body))));
                    }
                    rest = &rest[end + 2..];
                }
                None => {
                    body.push_str(rest);
                    body.push('\n');
                    in_comment = Some((start, is_doc, body));
                    continue;
                }
            }
        }
        if rest.trim_start().starts_with('#') {
            directive(rest.trim(), number, &mut lines, &mut tokens)?;
            continue;
        }
        let mut characters = rest.char_indices().peekable();
        while let Some((offset, character)) = characters.next() {
            match character {
                c if c.is_whitespace() => {}
                '/' if rest[offset..].starts_with("//") => break,
                '/' if rest[offset..].starts_with("/*") => {
                    let is_doc = rest[offset..].starts_with("/**");
                    let after = &rest[offset + if is_doc { 3 } else { 2 }..];
                    match after.find("*/") {
                        Some(end) => {
                            if is_doc {
                                tokens.push((number, Token::Doc(doc_text(&after[..end]))));
                            }
                            let consumed = rest.len() - after.len() + end + 2;
                            while characters.peek().is_some_and(|(at, _)| *at < consumed) {
                                characters.next();
                            }
                        }
                        None => {
                            in_comment = Some((number, is_doc, format!("{after}\n")));
                            break;
                        }
                    }
                }
                c if c.is_ascii_alphabetic() || c == '_' => {
                    let mut word = String::from(c);
                    while let Some((_, next)) = characters.peek() {
                        if !(next.is_ascii_alphanumeric() || *next == '_') {
                            break;
                        }
                        word.push(*next);
                        characters.next();
                    }
                    tokens.push((number, Token::Word(word)));
                }
                c if c.is_ascii_digit() || c == '-' => {
                    let mut digits = String::from(c);
                    while let Some((_, next)) = characters.peek() {
                        if !next.is_ascii_digit() {
                            break;
                        }
                        digits.push(*next);
                        characters.next();
                    }
                    let value = digits
                        .parse()
                        .map_err(|_| format!("line {number}: not a number: {digits}"))?;
                    tokens.push((number, Token::Number(value)));
                }
                '{' | '}' | '(' | ')' | '*' | ',' | ';' | '=' => {
                    tokens.push((number, Token::Punct(character)))
                }
                other => return Err(format!("line {number}: unexpected character {other:?}")),
            }
        }
    }
    match in_comment {
        Some((start, _, _)) => Err(format!("line {start}: a comment that never ends")),
        None => Ok(tokens),
    }
}

/// Handles one preprocessor line: the guard and includes are skipped, `#define NAME number`
/// becomes tokens `# define NAME number`, the C++ linkage block is skipped whole.
fn directive<'a>(
    line: &str,
    number: usize,
    lines: &mut impl Iterator<Item = (usize, &'a str)>,
    tokens: &mut Vec<(usize, Token)>,
) -> Result<(), String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["#include", header] if header.starts_with('<') => Ok(()),
        ["#ifndef", guard] | ["#define", guard] if guard.ends_with("_H") => Ok(()),
        ["#endif", ..] => Ok(()),
        ["#ifdef", "__cplusplus"] => {
            let (_, body) = lines
                .next()
                .ok_or(format!("line {number}: #ifdef __cplusplus at the end"))?;
            let (_, end) = lines
                .next()
                .ok_or(format!("line {number}: #ifdef __cplusplus without #endif"))?;
            let known = matches!(body.trim(), "extern \"C\" {") || body.starts_with("}  // extern");
            if !known || !end.starts_with("#endif") {
                return Err(format!(
                    "line {number}: a C++ block other than the extern \"C\" linkage: {body:?}"
                ));
            }
            Ok(())
        }
        ["#define", name, value] => {
            let value: i64 = value
                .parse()
                .map_err(|_| format!("line {number}: #define {name} is not a number: {value}"))?;
            tokens.push((number, Token::Punct('#')));
            tokens.push((number, Token::Word((*name).to_owned())));
            tokens.push((number, Token::Number(value)));
            Ok(())
        }
        _ => Err(format!(
            "line {number}: a preprocessor line this parser does not know: {line}"
        )),
    }
}

/// A doc comment's text without its frame: `/**\n * a\n * b\n */` is `a\nb`.
fn doc_text(body: &str) -> String {
    let lines: Vec<&str> = body
        .lines()
        .map(|line| {
            let line = line.trim();
            let line = line.strip_prefix('*').unwrap_or(line);
            line.strip_prefix(' ').unwrap_or(line)
        })
        .collect();
    lines.join("\n").trim().to_owned()
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    position: usize,
    header: Header,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position).map(|(_, token)| token)
    }

    fn line(&self) -> usize {
        self.tokens
            .get(self.position.min(self.tokens.len().saturating_sub(1)))
            .map_or(0, |(line, _)| *line)
    }

    fn next(&mut self) -> Result<Token, String> {
        let token = self
            .tokens
            .get(self.position)
            .map(|(_, token)| token.clone())
            .ok_or("the header ends in the middle of a declaration")?;
        self.position += 1;
        Ok(token)
    }

    fn fail<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("line {}: {what}", self.line()))
    }

    fn expect(&mut self, wanted: Token) -> Result<(), String> {
        let line = self.line();
        let found = self.next()?;
        match found == wanted {
            true => Ok(()),
            false => Err(format!("line {line}: expected {wanted:?}, found {found:?}")),
        }
    }

    fn word(&mut self) -> Result<String, String> {
        let line = self.line();
        match self.next()? {
            Token::Word(word) => Ok(word),
            other => Err(format!("line {line}: expected a name, found {other:?}")),
        }
    }

    fn doc(&mut self) -> String {
        let mut doc = String::new();
        while let Some(Token::Doc(text)) = self.peek() {
            doc = text.clone();
            self.position += 1;
        }
        doc
    }

    fn declarations(&mut self) -> Result<(), String> {
        // The file's own header comment documents no declaration.
        while self.peek().is_some() {
            let doc = self.doc();
            match self.peek() {
                None => break,
                Some(Token::Punct('#')) => {
                    self.position += 1;
                    let name = self.word()?;
                    let value = match self.next()? {
                        Token::Number(value) if value >= 0 => value as u64,
                        _ => return self.fail("a #define of a negative number"),
                    };
                    self.header.constants.push(Constant { name, value, doc });
                }
                Some(Token::Word(word)) if word == "typedef" => {
                    self.position += 1;
                    self.typedef(doc)?;
                }
                Some(Token::Word(_)) => {
                    let function = self.function(doc)?;
                    self.header.functions.push(function);
                }
                Some(other) => {
                    let other = other.clone();
                    return self.fail(&format!("unexpected {other:?}"));
                }
            }
        }
        Ok(())
    }

    fn typedef(&mut self, doc: String) -> Result<(), String> {
        match self.peek() {
            Some(Token::Word(word)) if word == "enum" => {
                self.position += 1;
                self.enumeration(doc)
            }
            Some(Token::Word(word)) if word == "struct" => {
                self.position += 1;
                let tag = self.word()?;
                let name = self.word()?;
                self.expect(Token::Punct(';'))?;
                if tag != name {
                    return self.fail(&format!("typedef struct {tag} {name}: names differ"));
                }
                self.header.opaque_types.push(Documented { name, doc });
                Ok(())
            }
            _ => {
                let result = self.ty()?;
                self.expect(Token::Punct('('))?;
                self.expect(Token::Punct('*'))?;
                let name = self.word()?;
                self.expect(Token::Punct(')'))?;
                let parameters = self.parameters()?;
                self.expect(Token::Punct(';'))?;
                self.header.callbacks.push(Function {
                    name,
                    doc,
                    result,
                    parameters,
                });
                Ok(())
            }
        }
    }

    fn enumeration(&mut self, doc: String) -> Result<(), String> {
        self.expect(Token::Punct('{'))?;
        let mut members = Vec::new();
        loop {
            let member_doc = self.doc();
            if self.peek() == Some(&Token::Punct('}')) {
                self.position += 1;
                break;
            }
            let name = self.word()?;
            self.expect(Token::Punct('='))?;
            let value = match self.next()? {
                Token::Number(value) => value,
                _ => return self.fail(&format!("{name} has no number (every member needs one)")),
            };
            members.push((
                Documented {
                    name,
                    doc: member_doc,
                },
                value,
            ));
            match self.next()? {
                Token::Punct(',') => {}
                Token::Punct('}') => break,
                other => return self.fail(&format!("unexpected {other:?} in an enum")),
            }
        }
        let name = self.word()?;
        self.expect(Token::Punct(';'))?;
        self.header.enums.push(Enum { name, doc, members });
        Ok(())
    }

    fn function(&mut self, doc: String) -> Result<Function, String> {
        let result = self.ty()?;
        let name = self.word()?;
        let parameters = self.parameters()?;
        self.expect(Token::Punct(';'))?;
        Ok(Function {
            name,
            doc,
            result,
            parameters,
        })
    }

    /// `(void)` or `(T a, U *b, ...)`.
    fn parameters(&mut self) -> Result<Vec<Parameter>, String> {
        self.expect(Token::Punct('('))?;
        let mut parameters = Vec::new();
        if self.peek() == Some(&Token::Word("void".to_owned()))
            && self.tokens.get(self.position + 1).map(|(_, token)| token)
                == Some(&Token::Punct(')'))
        {
            self.position += 2;
            return Ok(parameters);
        }
        loop {
            let ty = self.ty()?;
            let name = self.word()?;
            parameters.push(Parameter { name, ty });
            match self.next()? {
                Token::Punct(',') => {}
                Token::Punct(')') => return Ok(parameters),
                other => return self.fail(&format!("unexpected {other:?} in a parameter list")),
            }
        }
    }

    /// `[const] base *...`: the base is a word, the pointers follow.
    fn ty(&mut self) -> Result<CType, String> {
        let mut is_const = false;
        if self.peek() == Some(&Token::Word("const".to_owned())) {
            is_const = true;
            self.position += 1;
        }
        let base = self.word()?;
        if matches!(
            base.as_str(),
            "const" | "unsigned" | "signed" | "struct" | "enum" | "long"
        ) {
            return self.fail(&format!("a type this parser does not know: {base} ..."));
        }
        let mut pointers = 0;
        while self.peek() == Some(&Token::Punct('*')) {
            pointers += 1;
            self.position += 1;
        }
        if self.peek() == Some(&Token::Word("const".to_owned())) {
            return self.fail("a const pointer (`T *const`), which this parser does not know");
        }
        Ok(CType {
            is_const,
            base,
            pointers,
        })
    }

    /// Every type used is a C builtin or declared before.
    fn check_types(&self) -> Result<(), String> {
        let header = &self.header;
        let declared: BTreeSet<&str> = BUILTIN_TYPES
            .iter()
            .copied()
            .chain(header.enums.iter().map(|item| item.name.as_str()))
            .chain(header.opaque_types.iter().map(|item| item.name.as_str()))
            .chain(header.callbacks.iter().map(|item| item.name.as_str()))
            .collect();
        for function in header.callbacks.iter().chain(&header.functions) {
            let types =
                std::iter::once(&function.result).chain(function.parameters.iter().map(|p| &p.ty));
            for ty in types {
                if !declared.contains(ty.base.as_str()) {
                    return Err(format!(
                        "{} uses the type {}, which is neither a C builtin this parser knows \
                         nor declared in the header",
                        function.name, ty.base
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"/*
 * A file comment.
 */

#ifndef SAMPLE_H
#define SAMPLE_H

/* Generated; do not edit. */

#include <stdint.h>

/**
 * The version.
 */
#define SAMPLE_VERSION 3

/**
 * What a call did.
 */
typedef enum {
  /**
   * Fine.
   */
  S_OK = 0,
  S_BAD = 1,
} s_status;

/**
 * A handle.
 */
typedef struct s_thing s_thing;

typedef void (*s_callback)(const char *text, void *user_data);

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/**
 * Makes a thing.
 * Two lines.
 */
s_status s_thing_new(const char *name,
                     s_callback callback,
                     s_thing **out_thing);

void s_thing_free(s_thing *thing);

uint32_t s_version(void);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* SAMPLE_H */
"#;

    #[test]
    fn every_construct_of_the_sample_is_read() {
        let header = Header::parse(SAMPLE).unwrap();
        assert_eq!(header.constant("SAMPLE_VERSION"), Some(3));
        assert_eq!(header.constants[0].doc, "The version.");
        let status = header.enumeration("s_status").unwrap();
        assert_eq!(status.doc, "What a call did.");
        assert_eq!(status.members.len(), 2);
        assert_eq!(status.members[0].0.name, "S_OK");
        assert_eq!(status.members[0].0.doc, "Fine.");
        assert_eq!(status.members[1].1, 1);
        assert!(header.is_opaque("s_thing"));
        assert!(header.is_callback("s_callback"));
        let new = &header.functions[0];
        assert_eq!(new.name, "s_thing_new");
        assert_eq!(new.doc, "Makes a thing.\nTwo lines.");
        assert_eq!(new.parameters.len(), 3);
        assert_eq!(new.parameters[0].ty.to_string(), "const char *");
        assert_eq!(new.parameters[2].ty.to_string(), "s_thing * *");
        assert_eq!(new.parameters[2].name, "out_thing");
        assert!(header.functions[2].parameters.is_empty());
        assert_eq!(header.functions.len(), 3);
    }

    #[test]
    fn what_the_parser_does_not_know_is_an_error_naming_the_line() {
        for (text, complaint) in [
            ("#define TWICE(x) x x\n", "line 1: a preprocessor line"),
            ("#if FOO\n", "line 1: a preprocessor line"),
            (
                "unsigned long f(void);\n",
                "a type this parser does not know",
            ),
            ("char *const f(void);\n", "a const pointer"),
            ("int f(void) { return 0; }\n", "line 1: expected Punct(';')"),
            ("typedef union { int a; } u;\n", "line 1"),
            ("struct s { int a; };\n", "line 1"),
            ("mystery_t f(void);\n", "neither a C builtin"),
            ("typedef enum { A } e;\n", "expected Punct('=')"),
            ("/** never ends\n", "never ends"),
            ("#ifdef __cplusplus\nnamespace x {\n#endif\n", "a C++ block"),
        ] {
            let error = Header::parse(text).unwrap_err();
            assert!(error.contains(complaint), "{text:?} gave {error:?}");
        }
    }
}
