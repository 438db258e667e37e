//! Finding operations in the table: by exact name (with the closest names when there is
//! none), and the kinds of an anchor's objects.

use crate::error::{Error, Result, excerpt};

use super::operation::Operation;
use super::operations::{ANCHORS, OPERATIONS};

impl Operation {
    /// For an anchor key (`User`, `MonetaryAccount`), the kinds bunq wraps its objects in
    /// (`UserPerson`, `UserCompany`, ...); empty for any other operation.
    pub fn anchor_kinds(&self) -> &'static [&'static str] {
        self.object_key().map_or(&[], anchor_kinds)
    }
}

/// Every operation of bunq's API (480), sorted by name.
pub fn operations() -> &'static [Operation] {
    &OPERATIONS
}

/// The kinds bunq wraps an anchor's objects in (`User` → `UserApiKey`, `UserCompany`,
/// `UserPaymentServiceProvider`, `UserPerson`); empty for a key that is no anchor.
pub fn anchor_kinds(key: &str) -> &'static [&'static str] {
    ANCHORS
        .iter()
        .find(|(anchor, _)| *anchor == key)
        .map_or(&[], |(_, kinds)| kinds)
}

/// The operation called `name` (exactly, e.g. `Payment.create`). An unknown name is an
/// [`InvalidInput`](crate::ErrorKind::InvalidInput) error that lists the closest names.
pub fn operation(name: &str) -> Result<&'static Operation> {
    match OPERATIONS.binary_search_by(|operation| operation.name().cmp(name)) {
        Ok(index) => Ok(&OPERATIONS[index]),
        Err(_) => Err(unknown_name(name)),
    }
}

/// The error for an unknown name, with suggestions.
fn unknown_name(name: &str) -> Error {
    let suggestions = closest_names(name);
    let hint = match suggestions.is_empty() {
        true => {
            "; bunq::api::operations() lists every name (Object.verb, e.g. Payment.list)".to_owned()
        }
        false => format!("; did you mean {}?", suggestions.join(", ")),
    };
    Error::invalid_input(format!(
        "{:?} is no operation of bunq's API{hint}",
        excerpt(name)
    ))
}

/// At most five names close to `name`: the same name in other case first, then the same
/// object's operations (for a wrong verb), then the nearest by edit distance.
pub(super) fn closest_names(name: &str) -> Vec<&'static str> {
    const MAX: usize = 5;
    let wanted = name.to_ascii_lowercase();
    if wanted.len() > 200 {
        return Vec::new();
    }
    let (object, _) = wanted.split_once('.').unwrap_or((&wanted, ""));
    let mut scored: Vec<(usize, &'static str)> = OPERATIONS
        .iter()
        .map(|operation| {
            let candidate = operation.name().to_ascii_lowercase();
            let score = if candidate == wanted {
                0
            } else if operation.object().eq_ignore_ascii_case(object) {
                1
            } else {
                2 + edit_distance(&wanted, &candidate)
            };
            (score, operation.name())
        })
        .collect();
    scored.sort();
    // Far-off names are noise: keep those within a third of the name's length.
    let limit = 2 + (wanted.len() / 3).max(2);
    scored
        .into_iter()
        .take_while(|(score, _)| *score <= limit)
        .take(MAX)
        .map(|(_, name)| name)
        .collect()
}

/// Levenshtein distance over bytes (names are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("payment", "payment"), 0);
        assert_eq!(edit_distance("paymnet", "payment"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(
            OPERATIONS
                .windows(2)
                .all(|pair| pair[0].name() < pair[1].name())
        );
    }
}
