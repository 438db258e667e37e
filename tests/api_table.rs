//! The operation table and calls by name, offline: every operation's path from named ids,
//! the checks before sending, and answers unwrapped as the table says.

use bunq::api::{self, Answer, AnswerKind, Call, Ids};
use bunq::{ErrorKind, Method, Response};
use serde_json::{Value, json};

const UUID: &str = "5fb3a34c-1b49-4d4c-9ff7-0c5bd1ff1e1a";

fn answer(body: Value) -> Response {
    Response::new(200, Vec::new(), body.to_string().into_bytes())
}

/// A distinct value for every id of `operation`: 101, 102, ... or a UUID.
fn ids_for(operation: &api::Operation) -> Ids {
    let mut ids = Ids::new();
    for (index, name) in operation.id_names().enumerate() {
        match name.ends_with("_uuid") {
            true => ids.insert(name, UUID),
            false => ids.insert(name, 101 + index),
        }
    }
    ids
}

// ---------------------------------------------------------------------------------------
// The table

#[test]
fn the_table_has_every_operation_of_the_description() {
    let operations = api::operations();
    assert_eq!(operations.len(), 480);
    let count = |method: Method| operations.iter().filter(|o| o.method() == method).count();
    assert_eq!(
        [
            count(Method::Get),
            count(Method::Post),
            count(Method::Put),
            count(Method::Delete)
        ],
        [245, 107, 73, 55]
    );
    let mut names: Vec<&str> = operations.iter().map(|o| o.name()).collect();
    names.dedup();
    assert_eq!(names.len(), 480, "names are unique");
}

#[test]
fn names_keys_and_kinds_follow_bunqs_sdks() {
    let expect = |name: &str, method: Method, path: &str, key: Option<&str>, kind: AnswerKind| {
        let operation = api::operation(name).unwrap();
        assert_eq!(operation.method(), method, "{name}");
        assert_eq!(operation.path_template(), path, "{name}");
        assert_eq!(operation.object_key(), key, "{name}");
        assert_eq!(operation.answer(), kind, "{name}");
    };
    let payments = "user/{user_id}/monetary-account/{monetary_account_id}/payment";
    expect(
        "Payment.create",
        Method::Post,
        payments,
        Some("Id"),
        AnswerKind::Id,
    );
    expect(
        "Payment.list",
        Method::Get,
        payments,
        Some("Payment"),
        AnswerKind::List,
    );
    expect(
        "Payment.get",
        Method::Get,
        &format!("{payments}/{{payment_id}}"),
        Some("Payment"),
        AnswerKind::Object,
    );
    expect(
        "MonetaryAccountBank.list",
        Method::Get,
        "user/{user_id}/monetary-account-bank",
        Some("MonetaryAccountBank"),
        AnswerKind::List,
    );
    expect(
        "User.get",
        Method::Get,
        "user/{user_id}",
        Some("User"),
        AnswerKind::Object,
    );
    expect(
        "SchedulePayment.get",
        Method::Get,
        "user/{user_id}/monetary-account/{monetary_account_id}/schedule-payment/{schedule_payment_id}",
        Some("ScheduledPayment"),
        AnswerKind::Object,
    );
    // bunq answers the new list of filters, not the id the SDK's generated code reads.
    expect(
        "NotificationFilterUrlMonetaryAccount.create",
        Method::Post,
        "user/{user_id}/monetary-account/{monetary_account_id}/notification-filter-url",
        Some("NotificationFilterUrl"),
        AnswerKind::List,
    );
    expect(
        "PaymentServiceProviderCredential.create",
        Method::Post,
        "payment-service-provider-credential",
        Some("CredentialPasswordIp"),
        AnswerKind::Object,
    );
    expect(
        "ExportStatement.get",
        Method::Get,
        "user/{user_id}/monetary-account/{monetary_account_id}/customer-statement/{customer_statement_id}",
        Some("CustomerStatement"),
        AnswerKind::Object,
    );
    expect(
        "AttachmentPublicContent.list",
        Method::Get,
        "attachment-public/{attachment_public_uuid}/content",
        None,
        AnswerKind::Binary,
    );
    expect(
        "AttachmentPublic.create",
        Method::Post,
        "attachment-public",
        Some("Uuid"),
        AnswerKind::Uuid,
    );
    expect(
        "Avatar.get",
        Method::Get,
        "avatar/{avatar_uuid}",
        Some("Avatar"),
        AnswerKind::Object,
    );
    expect(
        "Session.delete",
        Method::Delete,
        "session/{session_id}",
        None,
        AnswerKind::Nothing,
    );
    expect(
        "NoteTextDraftPayment.get",
        Method::Get,
        "user/{user_id}/monetary-account/{monetary_account_id}/draft-payment/{draft_payment_id}/note-text/{note_text_id}",
        Some("NoteText"),
        AnswerKind::Object,
    );
    expect(
        "SessionServer.create",
        Method::Post,
        "session-server",
        None,
        AnswerKind::Envelope,
    );
}

#[test]
fn every_content_endpoint_answers_bytes() {
    for operation in api::operations() {
        let last = operation.path_template().rsplit('/').next().unwrap();
        let is_content = last == "content" || last.ends_with("-content");
        assert_eq!(
            operation.answer() == AnswerKind::Binary,
            is_content,
            "{}",
            operation.name()
        );
    }
}

#[test]
fn the_anchors_name_their_kinds() {
    let user = api::operation("User.get").unwrap();
    assert_eq!(
        user.anchor_kinds(),
        [
            "UserApiKey",
            "UserCompany",
            "UserPaymentServiceProvider",
            "UserPerson"
        ]
    );
    let accounts = api::operation("MonetaryAccount.list")
        .unwrap()
        .anchor_kinds();
    for kind in [
        "MonetaryAccountBank",
        "MonetaryAccountSavings",
        "MonetaryAccountJoint",
        "MonetaryAccountExternal",
    ] {
        assert!(accounts.contains(&kind), "{kind}");
    }
    assert!(
        api::operation("Payment.get")
            .unwrap()
            .anchor_kinds()
            .is_empty()
    );
}

// ---------------------------------------------------------------------------------------
// Every operation's request

#[test]
fn a_request_is_built_for_every_operation_from_named_ids() {
    for operation in api::operations() {
        let template = operation.path_template();
        let mut call = Call::new(operation.name()).ids(ids_for(operation));
        if operation.takes_body() {
            call = call.body(json!({"description": "x"}));
        }
        let prepared = call
            .prepare(None)
            .unwrap_or_else(|error| panic!("{}: {error}", operation.name()));
        let request = prepared.request();
        let path = request.path();
        assert_eq!(request.method(), operation.method(), "{}", operation.name());
        assert!(!path.contains('{') && !path.contains('}'), "{path}");
        assert!(!path.starts_with('/'), "{path}");
        let template_segments: Vec<&str> = template.split('/').collect();
        let path_segments: Vec<&str> = path.split('/').collect();
        assert_eq!(template_segments.len(), path_segments.len(), "{path}");
        let id_count = operation.id_names().count();
        assert_eq!(id_count, template.matches('{').count(), "{template}");
        let mut filled = 0;
        for (index, (segment, value)) in template_segments.iter().zip(&path_segments).enumerate() {
            if segment.starts_with('{') {
                let expected = match segment.ends_with("_uuid}") {
                    true => UUID.to_owned(),
                    false => (101 + filled).to_string(),
                };
                assert_eq!(*value, expected, "{} segment {index}", operation.name());
                filled += 1;
            } else {
                assert_eq!(segment, value, "{path}");
            }
        }
        assert_eq!(filled, id_count);
        let expected_body: &[u8] = match operation.takes_body() {
            true => br#"{"description":"x"}"#,
            false => b"",
        };
        assert_eq!(request.body_bytes(), expected_body, "{}", operation.name());
    }
}

#[test]
fn user_id_defaults_to_the_sessions_user_everywhere() {
    let mut with_user = 0;
    for operation in api::operations() {
        if !operation.id_names().any(|name| name == "user_id") {
            continue;
        }
        with_user += 1;
        let mut ids = Ids::new();
        for (index, name) in operation
            .id_names()
            .enumerate()
            .filter(|(_, n)| *n != "user_id")
        {
            match name.ends_with("_uuid") {
                true => ids.insert(name, UUID),
                false => ids.insert(name, 101 + index),
            }
        }
        let prepared = Call::new(operation.name())
            .ids(ids)
            .prepare(Some(42))
            .unwrap();
        let path = prepared.request().path();
        assert!(path == "user/42" || path.starts_with("user/42/"), "{path}");
    }
    // 450 operations under `user/{userID}`, and `User.get` (`user/{itemId}`).
    assert_eq!(with_user, 451);
}

#[test]
fn ids_from_json_fill_the_path_and_query_is_kept() {
    let ids = Ids::from_json(&json!({"monetary_account_id": 7, "payment_id": "9"})).unwrap();
    let prepared = Call::new("Payment.get")
        .ids(ids)
        .query("count", "200")
        .prepare(Some(3))
        .unwrap();
    assert_eq!(prepared.operation().name(), "Payment.get");
    assert_eq!(
        prepared.request().path(),
        "user/3/monetary-account/7/payment/9"
    );
    assert!(format!("{:?}", prepared.request()).contains("\"count\", \"200\""));
    let created = Call::new("Payment.create")
        .id("monetary_account_id", 7)
        .prepare(Some(3))
        .unwrap();
    assert_eq!(
        created.request().body_bytes(),
        b"{}",
        "a create without a body sends {{}}"
    );
}

// ---------------------------------------------------------------------------------------
// Errors before anything is sent

fn invalid(call: Call, default_user_id: Option<u64>) -> String {
    let error = call.prepare(default_user_id).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
    error.to_string()
}

#[test]
fn an_unknown_name_lists_the_closest_names() {
    let message = invalid(Call::new("payment.create"), Some(1));
    assert!(message.contains("did you mean Payment.create"), "{message}");
    let message = invalid(Call::new("Payment.fetch"), Some(1));
    for name in ["Payment.create", "Payment.get", "Payment.list"] {
        assert!(message.contains(name), "{message}");
    }
    let message = invalid(Call::new("MonetaryAcountBank.list"), Some(1));
    assert!(message.contains("MonetaryAccountBank.list"), "{message}");
    let message = invalid(Call::new("Zzzzzzzzzzzzzzzzzzzzzzzzzz.qq"), Some(1));
    assert!(message.contains("bunq::api::operations()"), "{message}");
    let message = invalid(Call::new("x".repeat(100_000)), Some(1));
    assert!(
        message.len() < 1_000,
        "the name is cut: {} bytes",
        message.len()
    );
}

#[test]
fn a_missing_id_is_named() {
    let message = invalid(
        Call::new("Payment.get").id("monetary_account_id", 7),
        Some(1),
    );
    assert!(message.contains("needs the id payment_id"), "{message}");
    // Without a session's user, user_id is needed too.
    let message = invalid(Call::new("Payment.list").id("monetary_account_id", 7), None);
    assert!(message.contains("needs the id user_id"), "{message}");
}

#[test]
fn an_extra_or_repeated_id_is_named() {
    let message = invalid(
        Call::new("Payment.list")
            .id("monetary_account_id", 7)
            .id("payment_id", 8),
        Some(1),
    );
    assert!(message.contains("takes no id payment_id"), "{message}");
    assert!(
        message.contains("monetary_account_id"),
        "the ids it takes: {message}"
    );
    let message = invalid(
        Call::new("Payment.list")
            .id("monetary_account_id", 7)
            .id("monetary_account_id", 8),
        Some(1),
    );
    assert!(
        message.contains("monetary_account_id is given twice"),
        "{message}"
    );
}

#[test]
fn a_malformed_id_is_named() {
    for bad in ["0", "-7", "7.5", "abc", "7/../8", "", " 7"] {
        let message = invalid(
            Call::new("Payment.list").id("monetary_account_id", bad),
            Some(1),
        );
        assert!(
            message.contains("monetary_account_id must be a positive integer"),
            "{message}"
        );
    }
    let message = invalid(
        Call::new("AttachmentPublic.get").id("attachment_public_uuid", "12"),
        Some(1),
    );
    assert!(
        message.contains("attachment_public_uuid must be a UUID"),
        "{message}"
    );
    let error = Ids::from_json(&json!({"payment_id": true})).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(error.to_string().contains("payment_id"), "{error}");
    let from_json = Ids::from_json(&json!({"monetary_account_id": -3})).unwrap();
    let message = invalid(Call::new("Payment.list").ids(from_json), Some(1));
    assert!(message.contains("monetary_account_id"), "{message}");
    assert!(Ids::from_json(&json!([1, 2])).is_err());
}

#[test]
fn a_body_on_an_operation_that_takes_none_is_refused() {
    let message = invalid(
        Call::new("Payment.list")
            .id("monetary_account_id", 7)
            .body(json!({})),
        Some(1),
    );
    assert!(message.contains("Payment.list (GET"), "{message}");
    assert!(message.contains("takes no body"), "{message}");
    let message = invalid(
        Call::new("SchedulePayment.delete")
            .id("monetary_account_id", 7)
            .id("schedule_payment_id", 8)
            .body(json!({"x": 1})),
        Some(1),
    );
    assert!(message.contains("takes no body"), "{message}");
    let message = invalid(
        Call::new("Payment.create")
            .id("monetary_account_id", 7)
            .body(json!([1])),
        Some(1),
    );
    assert!(message.contains("must be a JSON object"), "{message}");
}

// ---------------------------------------------------------------------------------------
// Unwrapping

#[test]
fn an_object_comes_back_unwrapped() {
    let operation = api::operation("SchedulePayment.get").unwrap();
    let response =
        answer(json!({"Response": [{"ScheduledPayment": {"id": 3, "status": "ACTIVE"}}]}));
    let Answer::Object(object) = api::unwrap_answer(operation, &response).unwrap() else {
        panic!("an object")
    };
    assert_eq!(object.kind(), "ScheduledPayment");
    assert_eq!(object.value(), &json!({"id": 3, "status": "ACTIVE"}));
    assert_eq!(
        object.into_wrapped(),
        json!({"ScheduledPayment": {"id": 3, "status": "ACTIVE"}})
    );
}

#[test]
fn an_anchor_comes_back_with_its_kind() {
    let operation = api::operation("User.get").unwrap();
    for kind in [
        "UserPerson",
        "UserCompany",
        "UserApiKey",
        "UserPaymentServiceProvider",
    ] {
        let response = answer(json!({"Response": [{kind: {"id": 1}}]}));
        let Answer::Object(user) = api::unwrap_answer(operation, &response).unwrap() else {
            panic!("an object")
        };
        assert_eq!(user.kind(), kind);
    }
    let accounts = api::operation("MonetaryAccount.list").unwrap();
    let response = answer(json!({"Response": [
        {"MonetaryAccountBank": {"id": 1}},
        {"MonetaryAccountSavings": {"id": 2}},
        {"MonetaryAccountJoint": {"id": 3}},
        {"MonetaryAccountBrandNew": {"id": 4}},
    ], "Pagination": {"older_url": null}}));
    let Answer::List(list) = api::unwrap_answer(accounts, &response).unwrap() else {
        panic!("a list")
    };
    let kinds: Vec<&str> = list.iter().map(|account| account.kind()).collect();
    assert_eq!(
        kinds,
        [
            "MonetaryAccountBank",
            "MonetaryAccountSavings",
            "MonetaryAccountJoint",
            "MonetaryAccountBrandNew"
        ]
    );
}

#[test]
fn ids_uuids_bytes_and_nothing_come_back_as_such() {
    let id = answer(json!({"Response": [{"Id": {"id": 77}}]}));
    let create = api::operation("Payment.create").unwrap();
    assert_eq!(api::unwrap_answer(create, &id).unwrap(), Answer::Id(77));
    let uuid = answer(json!({"Response": [{"Uuid": {"uuid": UUID}}]}));
    let upload = api::operation("AttachmentPublic.create").unwrap();
    assert_eq!(
        api::unwrap_answer(upload, &uuid).unwrap(),
        Answer::Uuid(UUID.to_owned())
    );
    let bytes: Vec<u8> = (0..=255).collect();
    let content = Response::new(200, Vec::new(), bytes.clone());
    let download = api::operation("AttachmentPublicContent.list").unwrap();
    assert_eq!(
        api::unwrap_answer(download, &content).unwrap(),
        Answer::Binary(bytes)
    );
    let deleted = answer(json!({"Response": []}));
    let delete = api::operation("Session.delete").unwrap();
    assert_eq!(
        api::unwrap_answer(delete, &deleted).unwrap(),
        Answer::Nothing
    );
    let session = answer(
        json!({"Response": [{"Id": {"id": 1}}, {"Token": {"token": "t"}}, {"UserPerson": {"id": 2}}]}),
    );
    let Answer::Envelope(items) =
        api::unwrap_answer(api::operation("SessionServer.create").unwrap(), &session).unwrap()
    else {
        panic!("an envelope")
    };
    let kinds: Vec<&str> = items.iter().map(|item| item.kind()).collect();
    assert_eq!(kinds, ["Id", "Token", "UserPerson"]);
}

#[test]
fn an_answer_without_the_expected_wrapper_says_what_came() {
    let operation = api::operation("Payment.get").unwrap();
    let error = api::unwrap_answer(operation, &answer(json!({"Response": [{"Id": {"id": 1}}]})))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Json);
    let message = error.to_string();
    assert!(
        message.contains("\"Payment\"") && message.contains("\"Id\""),
        "{message}"
    );
    let error = api::unwrap_answer(operation, &answer(json!({"Response": []}))).unwrap_err();
    assert!(error.to_string().contains("no object at all"), "{error}");
    let list = api::operation("Payment.list").unwrap();
    let error = api::unwrap_answer(
        list,
        &answer(json!({"Response": [{"Payment": {}}, {"Card": {}}]})),
    )
    .unwrap_err();
    assert!(error.to_string().contains("\"Card\""), "{error}");
    let user = api::operation("User.get").unwrap();
    let error =
        api::unwrap_answer(user, &answer(json!({"Response": [{"Payment": {}}]}))).unwrap_err();
    assert!(error.to_string().contains("one of UserApiKey"), "{error}");
    let error = api::unwrap_answer(
        operation,
        &answer(json!({"Error": [{"error_description": "x"}]})),
    )
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Json);
    let not_json = Response::new(200, Vec::new(), b"<html>".to_vec());
    assert_eq!(
        api::unwrap_answer(operation, &not_json).unwrap_err().kind(),
        ErrorKind::Json
    );
    let id = api::operation("Payment.create").unwrap();
    let error = api::unwrap_answer(id, &answer(json!({"Response": [{"Id": {"id": "seven"}}]})))
        .unwrap_err();
    assert!(error.to_string().contains("no numeric id"), "{error}");
}

#[test]
fn an_empty_page_is_an_empty_list() {
    let list = api::operation("Payment.list").unwrap();
    let empty = answer(json!({"Response": [], "Pagination": {"older_url": null}}));
    assert_eq!(
        api::unwrap_answer(list, &empty).unwrap(),
        Answer::List(Vec::new())
    );
}

#[test]
fn a_raw_response_unwraps_by_key() {
    let response = answer(json!({"Response": [{"Payment": {"id": 1}}, {"Payment": {"id": 2}}]}));
    let page = api::unwrap_page(&response, "Payment").unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(
        api::unwrap_object(&response, "Payment").unwrap().value()["id"],
        1
    );
    let users = answer(json!({"Response": [{"UserCompany": {"id": 5}}]}));
    assert_eq!(
        api::unwrap_object(&users, "User").unwrap().kind(),
        "UserCompany"
    );
}
