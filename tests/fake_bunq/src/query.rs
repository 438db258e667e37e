//! Query strings (and form bodies): split and percent-decode.

/// The `name=value` pairs of a query string, percent-decoded, `+` read as a space (form
/// encoding, which is what OAuth clients send).
pub(crate) fn parse(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// Percent-decode `text`; malformed escapes are kept literally rather than rejected, because
/// the official SDKs forget to encode at all and a fake should be lenient there.
pub(crate) fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' => {
                if let Some(byte) = escaped_byte(bytes.get(index + 1..index + 3)) {
                    out.push(byte);
                    index += 2;
                } else {
                    out.push(b'%');
                }
            }
            other => out.push(other),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn escaped_byte(digits: Option<&[u8]>) -> Option<u8> {
    let text = std::str::from_utf8(digits?).ok()?;
    u8::from_str_radix(text, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pairs() {
        let pairs = parse(
            "code=fake-code-1&redirect_uri=https%3A%2F%2Fexample.com%2Fcb%3Fa%3D1&x=a+b&flag&bad=%zz%4",
        );
        assert_eq!(
            pairs,
            vec![
                ("code".to_owned(), "fake-code-1".to_owned()),
                (
                    "redirect_uri".to_owned(),
                    "https://example.com/cb?a=1".to_owned()
                ),
                ("x".to_owned(), "a b".to_owned()),
                ("flag".to_owned(), String::new()),
                ("bad".to_owned(), "%zz%4".to_owned()),
            ]
        );
    }

    #[test]
    fn decodes_utf8() {
        assert_eq!(decode("caf%C3%A9"), "café");
    }
}
