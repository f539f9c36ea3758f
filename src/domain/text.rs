//! Two compact kinds of text for fields that a large file holds hundreds of thousands of times.
//!
//! - [`Shared`]: a text picked from a short list (a risk class, a way of finding, the words of
//!   the grading rule that applied). Equal texts read from a file share one allocation: 16
//!   bytes a row instead of a 24-byte `String` and its own heap block (at 100,000 risk points,
//!   three such fields took about 20 MB).
//! - [`Note`]: a text that is usually empty (a measure's evidence, an override reason): 8
//!   bytes and no allocation while empty.
//!
//! Both read, compare, order, hash and serialise as the `str` they hold.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A text most rows share with others (see the module).
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Shared(Arc<str>);

/// The texts this thread has read lately, so equal ones share their allocation. Bounded, so a
/// file of all-different texts costs what `String`s would and leaves little behind.
const POOL_ENTRIES: usize = 4096;
/// Longer texts are not pooled: a list's choices are short.
const POOL_TEXT_BYTES: usize = 256;

thread_local! {
    static POOL: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::new());
}

impl Shared {
    /// The text, sharing the allocation of an equal text read before on this thread.
    pub fn pooled(text: &str) -> Self {
        if text.is_empty() || text.len() > POOL_TEXT_BYTES {
            return Self::from(text);
        }
        POOL.with(|pool| {
            let Ok(mut pool) = pool.try_borrow_mut() else { return Self::from(text) };
            if let Some(shared) = pool.get(text) {
                return Self(Arc::clone(shared));
            }
            let shared: Arc<str> = Arc::from(text);
            if pool.len() < POOL_ENTRIES {
                pool.insert(Arc::clone(&shared));
            }
            Self(shared)
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Shared {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Shared {
    fn from(text: &str) -> Self {
        Self(Arc::from(text))
    }
}

impl From<String> for Shared {
    fn from(text: String) -> Self {
        Self(Arc::from(text))
    }
}

impl From<&String> for Shared {
    fn from(text: &String) -> Self {
        Self::from(text.as_str())
    }
}

/// A text usually empty (see the module): no allocation while it is.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note(Option<Box<Box<str>>>);

/// As the text hashes (it is borrowed as one).
impl std::hash::Hash for Note {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Note {
    pub fn as_str(&self) -> &str {
        self.0.as_deref().map_or("", |text| text)
    }
}

impl Deref for Note {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Note {
    fn from(text: &str) -> Self {
        Self((!text.is_empty()).then(|| Box::new(Box::from(text))))
    }
}

impl From<String> for Note {
    fn from(text: String) -> Self {
        Self((!text.is_empty()).then(|| Box::new(text.into_boxed_str())))
    }
}

impl From<&String> for Note {
    fn from(text: &String) -> Self {
        Self::from(text.as_str())
    }
}

macro_rules! like_str {
    ($ty:ty) => {
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.as_str(), f)
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::borrow::Borrow<str> for $ty {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<String> for $ty {
            fn eq(&self, other: &String) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<$ty> for String {
            fn eq(&self, other: &$ty) -> bool {
                self == other.as_str()
            }
        }

        impl PartialEq<$ty> for &str {
            fn eq(&self, other: &$ty) -> bool {
                *self == other.as_str()
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

like_str!(Shared);
like_str!(Note);

/// Reads a text without an intermediate `String` when the reader lends it.
struct TextVisitor<T>(std::marker::PhantomData<T>);

impl<T: for<'t> From<&'t str> + From<String>> serde::de::Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
        Ok(T::from(text))
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<T, E> {
        Ok(T::from(text))
    }
}

/// What reading a `Shared` builds: the pooled text.
struct Pooled(Shared);

impl From<&str> for Pooled {
    fn from(text: &str) -> Self {
        Self(Shared::pooled(text))
    }
}

impl From<String> for Pooled {
    fn from(text: String) -> Self {
        Self(Shared::pooled(&text))
    }
}

impl<'de> Deserialize<'de> for Shared {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(deserializer.deserialize_str(TextVisitor::<Pooled>(std::marker::PhantomData))?.0)
    }
}

impl<'de> Deserialize<'de> for Note {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor::<Self>(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_read_share_one_allocation_and_read_as_their_text() {
        let a: Shared = serde_json::from_str("\"制度机制风险\"").unwrap();
        let b: Shared = serde_json::from_str("\"制度机制风险\"").unwrap();
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "制度机制风险");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"制度机制风险\"");
        assert_eq!(format!("{a}|{a:?}"), "制度机制风险|\"制度机制风险\"");
        let long = "长".repeat(100);
        let c = Shared::pooled(&long);
        assert!(!Arc::ptr_eq(&c.0, &Shared::pooled(&long).0), "long texts are not pooled");
    }

    #[test]
    fn the_pool_stays_bounded() {
        for i in 0..POOL_ENTRIES + 100 {
            let _ = Shared::pooled(&format!("取值{i}"));
        }
        assert!(POOL.with(|p| p.borrow().len()) <= POOL_ENTRIES);
    }

    #[test]
    fn a_note_is_thin_and_empty_without_allocating() {
        assert_eq!(size_of::<Note>(), size_of::<usize>());
        assert_eq!(size_of::<Shared>(), 2 * size_of::<usize>());
        assert_eq!(Note::default().0, None);
        assert_eq!(Note::from(String::new()).0, None);
        let n: Note = serde_json::from_str("\"制度文件第3号\"").unwrap();
        assert_eq!(n.as_str(), "制度文件第3号");
        assert_eq!(serde_json::to_string(&Note::default()).unwrap(), "\"\"");
        let (empty, a, b) = (Note::default(), Note::from("a"), Note::from("b"));
        assert!(empty < a && a < b, "orders as its text");
    }
}
