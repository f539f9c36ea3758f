//! When a row was created and last changed, as the file writes it: ISO 8601 text with its UTC
//! offset (`2026-12-03T09:07:46+08:00`).
//!
//! Every row has two such moments, so at 100,000 risk points a file holds about 1.7 million:
//! as `String`s they took two heap blocks and 112 bytes a row. A `Moment` in the form this
//! program writes is packed into one number (16 bytes, no heap); any other text is kept as it
//! is, so whatever a file holds is written back byte for byte and compares as SQLite's BINARY
//! collation compares the text.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// When a row was created and last changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub created_at: Moment,
    pub updated_at: Moment,
}

impl Stamp {
    pub fn now() -> Self {
        let now = Moment::now();
        Self { created_at: now.clone(), updated_at: now }
    }

    /// Marks the row changed now; every edit of an existing row does this before saving it.
    pub fn touch(&mut self) {
        self.updated_at = Moment::now();
    }
}

/// One moment as text (see the module): equal, ordered and written exactly as its text.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Moment(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// Text of the shape `dddd-dd-ddTdd:dd:dd±dd:dd` (`TEMPLATE`), as `key`: its 18 digits and
    /// its sign, in the order of the text. Only such text is packed, so equal texts are equal
    /// values.
    Packed(u64),
    /// Any other text, rare (boxed twice so that a `Moment` stays 16 bytes).
    #[allow(clippy::box_collection, reason = "a thin pointer keeps every packed moment at 16 bytes")]
    Text(Box<String>),
}

/// The shape packed: `d` a digit, `s` the sign of the offset; the rest as written.
const TEMPLATE: &[u8; 25] = b"dddd-dd-ddTdd:dd:ddsdd:dd";
const SIGN_AT: usize = 19;
const OFFSET_DIGITS: u64 = 10_000;

impl Moment {
    /// Now, local time with its offset, to the second.
    pub fn now() -> Self {
        Self::from(super::dates::now_stamp().as_str())
    }

    /// The text as written (in a buffer for a packed moment).
    fn with_text<R>(&self, use_text: impl FnOnce(&str) -> R) -> R {
        match &self.0 {
            Repr::Text(text) => use_text(text),
            Repr::Packed(key) => {
                let bytes = unpack(*key);
                // Only ASCII digits, signs and the template's separators are written.
                use_text(std::str::from_utf8(&bytes).unwrap_or_default())
            }
        }
    }
}

/// The key of text of `TEMPLATE`'s shape: the 14 digits of date and time, then the sign
/// (`+` before `-`, as in ASCII), then the 4 digits of the offset — so keys order as the texts.
fn pack(text: &[u8]) -> Option<u64> {
    if text.len() != TEMPLATE.len() {
        return None;
    }
    let (mut when, mut offset, mut negative) = (0_u64, 0_u64, false);
    for (i, (&c, &t)) in text.iter().zip(TEMPLATE).enumerate() {
        match t {
            b'd' if c.is_ascii_digit() && i < SIGN_AT => when = when * 10 + u64::from(c - b'0'),
            b'd' if c.is_ascii_digit() => offset = offset * 10 + u64::from(c - b'0'),
            b's' if c == b'+' || c == b'-' => negative = c == b'-',
            _ if c == t && t != b'd' && t != b's' => {}
            _ => return None,
        }
    }
    Some((when * 2 + u64::from(negative)) * OFFSET_DIGITS + offset)
}

fn unpack(key: u64) -> [u8; 25] {
    let mut out = *TEMPLATE;
    let (mut offset, rest) = (key % OFFSET_DIGITS, key / OFFSET_DIGITS);
    let (negative, mut when) = (rest % 2 == 1, rest / 2);
    for i in (0..out.len()).rev() {
        let digits = if i < SIGN_AT { &mut when } else { &mut offset };
        match out[i] {
            b'd' => {
                // A single decimal digit.
                out[i] = b'0' + u8::try_from(*digits % 10).unwrap_or_default();
                *digits /= 10;
            }
            b's' => out[i] = if negative { b'-' } else { b'+' },
            _ => {}
        }
    }
    out
}

impl From<&str> for Moment {
    fn from(text: &str) -> Self {
        match pack(text.as_bytes()) {
            Some(key) => Self(Repr::Packed(key)),
            None => Self(Repr::Text(Box::new(text.to_owned()))),
        }
    }
}

impl Default for Moment {
    fn default() -> Self {
        Self::from("")
    }
}

impl Ord for Moment {
    fn cmp(&self, other: &Self) -> Ordering {
        match (&self.0, &other.0) {
            (Repr::Packed(a), Repr::Packed(b)) => a.cmp(b),
            _ => self.with_text(|a| other.with_text(|b| a.as_bytes().cmp(b.as_bytes()))),
        }
    }
}

impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_text(|text| f.write_str(text))
    }
}

impl fmt::Debug for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_text(|text| write!(f, "{text:?}"))
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.with_text(|text| serializer.serialize_str(text))
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Moment;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("时间文字")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Moment, E> {
                Ok(Moment::from(text))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    const TEXTS: [&str; 12] = [
        "2026-12-03T09:07:46+08:00",
        "2026-12-03T09:07:46-08:00",
        "2026-12-03T09:07:46-01:30",
        "0000-00-00T00:00:00+00:00",
        "9999-99-99T99:99:99-99:99",
        "2026-12-03T09:07:46Z",
        "2026-12-03T09:07:46.123+08:00",
        "2026-12-03 09:07:46+08:00",
        "2026-12-03T09:07:4x+08:00",
        "２０２６年",
        "",
        "2026-12-03T09:07:46*08:00",
    ];

    #[test]
    fn every_text_comes_back_as_it_was_and_only_the_written_shape_is_packed() {
        for text in TEXTS {
            let m = Moment::from(text);
            assert_eq!(m.to_string(), text);
            assert_eq!(serde_json::to_string(&m).unwrap(), serde_json::to_string(text).unwrap());
            assert_eq!(serde_json::from_str::<Moment>(&serde_json::to_string(text).unwrap()).unwrap(), m);
            let packed = matches!(m.0, Repr::Packed(_));
            assert_eq!(packed, text.len() == 25 && text.as_bytes()[10] == b'T' && !text.contains(['x', '*']), "{text}");
        }
        assert!(matches!(Moment::now().0, Repr::Packed(_)), "what this program writes is packed");
        assert_eq!(size_of::<Moment>(), 16);
    }

    #[test]
    fn moments_order_as_their_texts_do() {
        let mut texts: Vec<String> = TEXTS.iter().map(|t| (*t).to_owned()).collect();
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..300 {
            let digit = |rng: &mut fastrand::Rng| char::from(b'0' + rng.u8(..10));
            let text: String = TEMPLATE
                .iter()
                .map(|&t| match t {
                    b'd' => digit(&mut rng),
                    b's' => ['+', '-'][rng.usize(..2)],
                    other => char::from(other),
                })
                .collect();
            texts.push(text);
        }
        texts.push("2026-12-03T09:07:46+08:00x".to_owned());
        texts.push("2026-12-03T09:07:46+08:0".to_owned());
        let moments: Vec<Moment> = texts.iter().map(|t| Moment::from(t.as_str())).collect();
        for (a, ma) in texts.iter().zip(&moments) {
            for (b, mb) in texts.iter().zip(&moments) {
                assert_eq!(ma.cmp(mb), a.as_bytes().cmp(b.as_bytes()), "{a} vs {b}");
                assert_eq!(ma == mb, a == b);
            }
        }
    }
}
