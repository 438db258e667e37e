//! A field of a bunq object that may be absent, `null`, or have a value: the three are kept
//! apart so that an object read and written back is the object bunq sent.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field of a bunq object: absent, `null`, or present with a value.
///
/// Declare it with `#[serde(default, skip_serializing_if = "Field::is_absent")]`: an absent
/// field stays absent when written, a `null` stays `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Field<T> {
    /// The object has no such field.
    #[default]
    Absent,
    /// The field is `null`.
    Null,
    /// The field has a value.
    Present(T),
}

impl<T> Field<T> {
    /// The value, if there is one.
    pub fn get(&self) -> Option<&T> {
        match self {
            Field::Present(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    /// The value taken out, if there is one.
    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Present(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    /// Whether the field is absent (not written back).
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// Whether the field is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Present(value)
    }
}

impl<T> From<Option<T>> for Field<T> {
    /// `None` is an absent field (left out of a body), `Some` a present one.
    fn from(value: Option<T>) -> Self {
        value.map_or(Field::Absent, Field::Present)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    // Called only for a field that is there (absent ones take the default): `null` or a value.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer)
            .map(|value| value.map_or(Field::Null, Field::Present))
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Present(value) => value.serialize(serializer),
            Field::Absent | Field::Null => serializer.serialize_none(),
        }
    }
}
