//! A table row straight into its domain struct: a serde `Deserializer` over a rusqlite row,
//! the columns as the struct's fields by name (`Table::COLUMNS`). Reading a whole file goes
//! through here, so it builds no intermediate value per row (it went through a
//! `serde_json::Map` per row, with an owned key per column: most of the time of opening a
//! 100,000-risk-point file). Text is copied once, into the field.
//!
//! What a value may be is what it was through JSON: NULL is JSON null (a missing required
//! value), integers and reals numbers, text a string, a `Kind::Bool` integer a boolean, a
//! `Kind::Json` text parsed as JSON for the field; a blob is refused. Refusals are Chinese.

use std::fmt::Display;

use rusqlite::types::ValueRef;
use serde::de::{self, DeserializeSeed, IntoDeserializer as _, MapAccess, Visitor};

use super::table::Kind;

/// Why a value does not decode, in Chinese words (serde's own messages are English), and the
/// column when the value itself is unreadable (not UTF-8, a blob, broken JSON) rather than of
/// the wrong kind for its field.
#[derive(Debug)]
pub(super) struct Refusal {
    pub what: String,
    pub column: Option<&'static str>,
}

impl Refusal {
    fn new(what: impl Into<String>) -> Self {
        Self { what: what.into(), column: None }
    }

    fn in_column(column: &'static str, what: impl Into<String>) -> Self {
        Self { what: what.into(), column: Some(column) }
    }
}

impl Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.what)
    }
}

impl std::error::Error for Refusal {}

impl de::Error for Refusal {
    fn custom<T: Display>(msg: T) -> Self {
        Self::new(reason(&msg.to_string()))
    }

    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        match unexpected {
            de::Unexpected::Unit => Self::new(reason("invalid type: null")),
            other => Self::custom(format_args!("invalid type: {other}, expected {expected}")),
        }
    }
}

/// Chinese words for serde's (or a parser's) English message.
fn reason(text: &str) -> String {
    let quoted = |t: &str| t.split('`').nth(1).map(str::to_owned).unwrap_or_default();
    if text.starts_with("unknown variant") {
        format!("取值“{}”不是本系统使用的值", quoted(text))
    } else if text.starts_with("invalid type: null") || text.starts_with("missing field") {
        format!("缺少必填的值{}", if quoted(text).is_empty() { String::new() } else { format!("（{}）", quoted(text)) })
    } else if text.starts_with("invalid type") {
        "值的类型不对".to_owned()
    } else if text.contains("UUID") || text.contains("invalid character") || text.contains("invalid length") {
        "编号或日期的格式不对".to_owned()
    } else {
        "值的格式不对".to_owned()
    }
}

/// One row, as a map from column name to value.
pub(super) struct RowDe<'a, 'r> {
    pub row: &'a rusqlite::Row<'r>,
    pub columns: &'static [(&'static str, Kind)],
}

impl<'a> de::Deserializer<'a> for RowDe<'a, '_> {
    type Error = Refusal;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Refusal> {
        visitor.visit_map(Columns { row: self.row, columns: self.columns, at: 0 })
    }

    serde::forward_to_deserialize_any! {
        <W: Visitor<'a>>
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

struct Columns<'a, 'r> {
    row: &'a rusqlite::Row<'r>,
    columns: &'static [(&'static str, Kind)],
    at: usize,
}

impl<'a> MapAccess<'a> for Columns<'a, '_> {
    type Error = Refusal;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Result<Option<K::Value>, Refusal> {
        let Some(&(name, _)) = self.columns.get(self.at) else {
            return Ok(None);
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(name)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Refusal> {
        let at = self.at;
        self.at += 1;
        let (column, kind) = self.columns.get(at).copied().unwrap_or(("", Kind::Plain));
        let value = self.row.get_ref(at).map_err(|_| Refusal::in_column(column, "读不到这一列"))?;
        seed.deserialize(ValueDe { value, column, kind })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.columns.len().saturating_sub(self.at))
    }
}

/// One column's value.
struct ValueDe<'a> {
    value: ValueRef<'a>,
    column: &'static str,
    kind: Kind,
}

impl<'a> ValueDe<'a> {
    fn text(&self, bytes: &'a [u8]) -> Result<&'a str, Refusal> {
        std::str::from_utf8(bytes).map_err(|_| Refusal::in_column(self.column, "不是有效的 UTF-8 文本"))
    }

    /// The JSON document of a `Kind::Json` column, if this is one.
    fn json(&self) -> Option<serde_json::Deserializer<serde_json::de::SliceRead<'a>>> {
        match (self.kind, self.value) {
            (Kind::Json, ValueRef::Text(t)) => Some(serde_json::Deserializer::from_slice(t)),
            _ => None,
        }
    }
}

/// The whole JSON document of `column` as the value, nothing after it.
fn from_json<'a, V>(
    column: &'static str,
    mut json: serde_json::Deserializer<serde_json::de::SliceRead<'a>>,
    read: impl FnOnce(&mut serde_json::Deserializer<serde_json::de::SliceRead<'a>>) -> Result<V, serde_json::Error>,
) -> Result<V, Refusal> {
    let refusal = |e: serde_json::Error| Refusal::in_column(column, reason(&e.to_string()));
    let value = read(&mut json).map_err(refusal)?;
    json.end().map_err(refusal)?;
    Ok(value)
}

/// Forwards a method to the JSON document of a `Kind::Json` column, else to `deserialize_any`.
macro_rules! json_or_any {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?),* $(,)?) => {$(
        fn $method<V: Visitor<'a>>(self, $($($arg: $ty,)*)? visitor: V) -> Result<V::Value, Refusal> {
            match self.json() {
                Some(json) => from_json(self.column, json, |j| de::Deserializer::$method(j, $($($arg,)*)? visitor)),
                None => self.deserialize_any(visitor),
            }
        }
    )*};
}

impl<'a> de::Deserializer<'a> for ValueDe<'a> {
    type Error = Refusal;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Refusal> {
        if let Some(json) = self.json() {
            return from_json(self.column, json, |j| de::Deserializer::deserialize_any(j, visitor));
        }
        match (self.kind, self.value) {
            (_, ValueRef::Null) => visitor.visit_unit(),
            (Kind::Bool, ValueRef::Integer(i)) => visitor.visit_bool(i != 0),
            (_, ValueRef::Integer(i)) => visitor.visit_i64(i),
            (_, ValueRef::Real(f)) => visitor.visit_f64(f),
            (_, ValueRef::Text(t)) => visitor.visit_str(self.text(t)?),
            (_, ValueRef::Blob(_)) => Err(Refusal::in_column(self.column, "意外的二进制数据")),
        }
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Refusal> {
        match self.value {
            ValueRef::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(self, name: &'static str, visitor: V) -> Result<V::Value, Refusal> {
        match self.json() {
            Some(json) => {
                from_json(self.column, json, |j| de::Deserializer::deserialize_newtype_struct(j, name, visitor))
            }
            None => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refusal> {
        if let Some(json) = self.json() {
            return from_json(self.column, json, |j| de::Deserializer::deserialize_enum(j, name, variants, visitor));
        }
        match self.value {
            ValueRef::Text(t) => visitor.visit_enum(self.text(t)?.into_deserializer()),
            _ => self.deserialize_any(visitor),
        }
    }

    json_or_any! {
        deserialize_bool, deserialize_i8, deserialize_i16, deserialize_i32, deserialize_i64, deserialize_i128,
        deserialize_u8, deserialize_u16, deserialize_u32, deserialize_u64, deserialize_u128, deserialize_f32,
        deserialize_f64, deserialize_char, deserialize_str, deserialize_string, deserialize_bytes,
        deserialize_byte_buf, deserialize_unit, deserialize_seq, deserialize_map, deserialize_identifier,
        deserialize_ignored_any,
        deserialize_unit_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_struct(name: &'static str, fields: &'static [&'static str]),
    }
}
