//! Typed objects read real answers and write them back unchanged: the objects inside bunq's
//! callback samples (tests/data/callbacks/, from bunq's Python SDK, MIT).

use bunq::api::ApiObject;
use bunq::api::objects::{
    Amount, BunqMeTab, DraftPayment, Field, MonetaryAccount, MonetaryAccountBank, NewPayment,
    NotificationFilters, Payment, Pointer, RequestInquiry, ScheduledPayment, Timestamp, User,
    UserApiKey, UserPerson,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The object inside a callback sample: (its kind, the object).
fn sample(file: &str) -> (String, Value) {
    let path = format!("{}/tests/data/callbacks/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: Value = serde_json::from_str(&text).unwrap();
    let wrapped = json["NotificationUrl"]["object"]
        .as_object()
        .unwrap()
        .clone();
    let (kind, object) = wrapped.into_iter().next().unwrap();
    (kind, object)
}

/// Reads `object` as `T` and writes it back: the same JSON, nulls and unknown fields kept.
fn round_trip<T: DeserializeOwned + Serialize>(object: &Value) -> T {
    let typed: T = serde_json::from_value(object.clone()).unwrap();
    let written = serde_json::to_value(&typed).unwrap();
    assert_eq!(&written, object, "the object changed on the way through");
    typed
}

#[test]
fn every_sample_with_a_type_round_trips_without_loss() {
    let mut covered = Vec::new();
    for file in std::fs::read_dir(format!(
        "{}/tests/data/callbacks",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    {
        let name = file.unwrap().file_name().into_string().unwrap();
        if !name.ends_with(".json") {
            continue;
        }
        let (kind, object) = sample(&name);
        let typed = match kind.as_str() {
            "Payment" => serde_json::to_value(round_trip::<Payment>(&object)),
            "BunqMeTab" => serde_json::to_value(round_trip::<BunqMeTab>(&object)),
            "DraftPayment" => serde_json::to_value(round_trip::<DraftPayment>(&object)),
            "MonetaryAccountBank" => {
                serde_json::to_value(round_trip::<MonetaryAccountBank>(&object))
            }
            "RequestInquiry" => serde_json::to_value(round_trip::<RequestInquiry>(&object)),
            "ScheduledPayment" => serde_json::to_value(round_trip::<ScheduledPayment>(&object)),
            // Kinds this crate has no type for (MasterCardAction, ShareInviteBankInquiry).
            _ => continue,
        };
        assert!(typed.is_ok());
        covered.push(kind);
    }
    covered.sort();
    assert_eq!(
        covered,
        [
            "BunqMeTab",
            "DraftPayment",
            "MonetaryAccountBank",
            "Payment",
            "RequestInquiry",
            "ScheduledPayment"
        ]
    );
}

#[test]
fn a_payment_reads_its_fields_typed() {
    let (_, object) = sample("Mutation.json");
    let payment: Payment = round_trip(&object);
    assert_eq!(payment.id, Field::Present(108864));
    let amount = payment.amount.get().unwrap();
    assert_eq!(
        (amount.value.as_str(), amount.currency.as_str()),
        ("-24.95", "EUR")
    );
    let created = payment.created.get().unwrap();
    assert_eq!(created.as_str(), "2017-11-08 11:20:03.950184");
    let time = created.to_date_time().unwrap();
    assert_eq!(time.to_rfc3339(), "2017-11-08T11:20:03.950184+00:00");
    assert_eq!(
        Timestamp::from(time),
        *created,
        "bunq's format, microseconds kept"
    );
    assert!(created.to_system_time().is_ok());
    assert_eq!(
        payment.payment_type.get().map(String::as_str),
        Some("IDEAL")
    );
    let counterparty = payment.counterparty_alias.get().unwrap();
    assert!(counterparty.display_name.get().is_some());
    // Nulls in the sample stay null, not absent.
    assert!(payment.batch_id.is_null());
    assert!(payment.scheduled_id.is_null());
    assert!(payment.geolocation.get().is_some());
}

#[test]
fn nested_objects_keep_their_nulls_and_unknown_fields() {
    let (_, object) = sample("DraftPayment.json");
    let draft: DraftPayment = round_trip(&object);
    assert!(draft.responses.is_null());
    let entries = draft.entries.get().unwrap();
    assert_eq!(entries[0].amount.get().unwrap().value, "46.26");
    assert!(entries[0].merchant_reference.is_null());
    let (_, object) = sample("ScheduledPayment.json");
    let scheduled: ScheduledPayment = round_trip(&object);
    assert!(
        scheduled
            .schedule
            .get()
            .unwrap()
            .recurrence_unit
            .get()
            .is_some()
    );
    assert!(scheduled.payment.get().unwrap().amount.get().is_some());
}

#[test]
fn a_field_bunq_adds_later_survives_and_absent_stays_absent() {
    let object = json!({
        "id": 1,
        "amount": {"value": "1.00", "currency": "EUR", "exchange_rate": "1.1"},
        "description": null,
        "brand_new_field": {"nested": [1, 2, 3]},
    });
    let payment: Payment = round_trip(&object);
    assert!(payment.description.is_null());
    assert!(payment.merchant_reference.is_absent());
    assert_eq!(
        payment.extra["brand_new_field"],
        json!({"nested": [1, 2, 3]})
    );
    assert_eq!(payment.amount.get().unwrap().extra["exchange_rate"], "1.1");
}

#[test]
fn an_amount_stays_the_decimal_string_bunq_sent() {
    for value in ["0.10", "1000000000000000000000.01", "-0.00", "12.5"] {
        let amount: Amount = round_trip(&json!({"value": value, "currency": "EUR"}));
        assert_eq!(amount.value, value);
    }
}

#[test]
fn a_new_payment_is_the_body_bunq_expects() {
    let body = NewPayment::new(
        Amount::new("1.50", "EUR"),
        Pointer::iban("NL13BUNQ9900299981", "Sugar Daddy"),
        "coffee",
    );
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({
            "amount": {"value": "1.50", "currency": "EUR"},
            "counterparty_alias": {"type": "IBAN", "value": "NL13BUNQ9900299981", "name": "Sugar Daddy"},
            "description": "coffee",
        })
    );
    assert_eq!(
        serde_json::to_value(Pointer::email("a@b.c")).unwrap(),
        json!({"type": "EMAIL", "value": "a@b.c"})
    );
    let filters: NotificationFilters = round_trip(&json!({
        "notification_filters": [{"category": "PAYMENT", "notification_target": "https://example.com/bunq"}]
    }));
    assert_eq!(
        filters.notification_filters.get().unwrap()[0]
            .category
            .get()
            .unwrap(),
        "PAYMENT"
    );
}

#[test]
fn anchors_read_into_their_kind() {
    let (_, object) = sample("MonetaryAccountBank.json");
    let account =
        MonetaryAccount::from_object(&ApiObject::new("MonetaryAccountBank", object.clone()))
            .unwrap();
    assert!(matches!(account, MonetaryAccount::Bank(_)));
    assert_eq!(account.id(), object["id"].as_u64());
    let other =
        MonetaryAccount::from_object(&ApiObject::new("MonetaryAccountCard", json!({"id": 9})))
            .unwrap();
    assert_eq!(other.id(), Some(9));
    assert!(matches!(other, MonetaryAccount::Other(_)));
    let person = User::from_object(&ApiObject::new(
        "UserPerson",
        json!({"id": 4, "first_name": "A"}),
    ))
    .unwrap();
    let User::Person(UserPerson { first_name, .. }) = &person else {
        panic!("a person")
    };
    assert_eq!(first_name.get().unwrap(), "A");
    let grant = User::from_object(&ApiObject::new(
        "UserApiKey",
        json!({"id": 5, "requested_by_user": {"UserCompany": {"id": 6}}}),
    ))
    .unwrap();
    assert!(matches!(grant, User::ApiKey(UserApiKey { .. })));
    assert_eq!(grant.id(), Some(5));
}

#[test]
fn a_wrong_type_is_a_json_error_naming_the_kind() {
    let error = ApiObject::new("Payment", json!({"id": "not a number"}))
        .parse::<Payment>()
        .unwrap_err();
    assert_eq!(error.kind(), bunq::ErrorKind::Json);
    assert!(error.to_string().contains("Payment"), "{error}");
    let error = Timestamp("yesterday".into()).to_date_time().unwrap_err();
    assert!(error.to_string().contains("yesterday"), "{error}");
}
