//! bunq's list pagination: `count`, `older_id`, `newer_id`, newest first.

use serde_json::{Value, json};

use crate::reply::ApiError;
use crate::request::Incoming;

const DEFAULT_COUNT: usize = 10;
const MAX_COUNT: usize = 200;

/// Which slice of a list a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PageRequest {
    pub(crate) count: usize,
    pub(crate) older_id: Option<u64>,
    pub(crate) newer_id: Option<u64>,
}

impl PageRequest {
    /// Read `count`, `older_id` and `newer_id` from the query.
    pub(crate) fn from_query(incoming: &Incoming) -> Result<PageRequest, ApiError> {
        let count = match incoming.query_param("count") {
            None => DEFAULT_COUNT,
            Some(text) => match text.parse::<usize>() {
                Ok(count) if (1..=MAX_COUNT).contains(&count) => count,
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "The count \"{text}\" must be a number from 1 to {MAX_COUNT}."
                    )));
                }
            },
        };
        let older_id = id_param(incoming, "older_id")?;
        let newer_id = id_param(incoming, "newer_id")?;
        if older_id.is_some() && newer_id.is_some() {
            return Err(ApiError::bad_request(
                "Use either older_id or newer_id, not both.",
            ));
        }
        Ok(PageRequest {
            count,
            older_id,
            newer_id,
        })
    }
}

fn id_param(incoming: &Incoming, name: &str) -> Result<Option<u64>, ApiError> {
    incoming
        .query_param(name)
        .map(|text| {
            text.parse::<u64>().map_err(|_| {
                ApiError::bad_request(format!("The {name} \"{text}\" is not a valid id."))
            })
        })
        .transpose()
}

/// One page: the ids in it (newest first) and the "Pagination" object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page {
    pub(crate) ids: Vec<u64>,
    pub(crate) pagination: Value,
}

/// Cut a page out of `ids` (ascending) for a list at `path` (e.g. "/v1/user/1/payment").
pub(crate) fn paginate(ids: &[u64], request: PageRequest, path: &str) -> Page {
    let mut page: Vec<u64> = match (request.older_id, request.newer_id) {
        (_, Some(newer)) => ids
            .iter()
            .copied()
            .filter(|&id| id > newer)
            .take(request.count)
            .collect(),
        (older, None) => {
            let below = older.unwrap_or(u64::MAX);
            let mut newest: Vec<u64> = ids
                .iter()
                .rev()
                .copied()
                .filter(|&id| id < below)
                .take(request.count)
                .collect();
            newest.reverse();
            newest
        }
    };
    page.reverse();
    let pagination = pagination_json(ids, &page, request, path);
    Page {
        ids: page,
        pagination,
    }
}

fn pagination_json(all: &[u64], page: &[u64], request: PageRequest, path: &str) -> Value {
    let count = request.count;
    let url = |direction: &str, id: u64| format!("{path}?count={count}&{direction}={id}");
    let newest = page.first().copied();
    let oldest = page.last().copied();
    let future_id = newest.or(request.newer_id).unwrap_or(0);
    let newer_url = newest
        .filter(|&newest| all.iter().any(|&id| id > newest))
        .map(|newest| url("newer_id", newest));
    let older_url = oldest
        .filter(|&oldest| all.iter().any(|&id| id < oldest))
        .map(|oldest| url("older_id", oldest));
    json!({
        "future_url": url("newer_id", future_id),
        "newer_url": newer_url,
        "older_url": older_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(count: usize, older_id: Option<u64>, newer_id: Option<u64>) -> PageRequest {
        PageRequest {
            count,
            older_id,
            newer_id,
        }
    }

    #[test]
    fn walks_older_pages_newest_first() {
        let ids: Vec<u64> = (1..=25).collect();
        let first = paginate(&ids, request(10, None, None), "/v1/x");
        assert_eq!(first.ids, (16..=25).rev().collect::<Vec<_>>());
        assert_eq!(first.pagination["newer_url"], Value::Null);
        assert_eq!(first.pagination["older_url"], "/v1/x?count=10&older_id=16");
        assert_eq!(first.pagination["future_url"], "/v1/x?count=10&newer_id=25");

        let last = paginate(&ids, request(10, Some(6), None), "/v1/x");
        assert_eq!(last.ids, vec![5, 4, 3, 2, 1]);
        assert_eq!(last.pagination["older_url"], Value::Null);
        assert_eq!(last.pagination["newer_url"], "/v1/x?count=10&newer_id=5");
    }

    #[test]
    fn newer_id_takes_the_oldest_of_the_newer_items() {
        let ids: Vec<u64> = (1..=25).collect();
        let page = paginate(&ids, request(10, None, Some(5)), "/v1/x");
        assert_eq!(page.ids, (6..=15).rev().collect::<Vec<_>>());
        assert_eq!(page.pagination["newer_url"], "/v1/x?count=10&newer_id=15");
        assert_eq!(page.pagination["older_url"], "/v1/x?count=10&older_id=6");
    }

    #[test]
    fn empty_future_page() {
        let ids: Vec<u64> = (1..=3).collect();
        let page = paginate(&ids, request(10, None, Some(3)), "/v1/x");
        assert!(page.ids.is_empty());
        assert_eq!(page.pagination["future_url"], "/v1/x?count=10&newer_id=3");
        assert_eq!(page.pagination["newer_url"], Value::Null);
        assert_eq!(page.pagination["older_url"], Value::Null);
    }
}
