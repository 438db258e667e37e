//! Attachments keep arbitrary bytes exactly and sign their content.

mod common;

use common::{Client, HttpResponse, sign};
use fake_bunq::{FakeBunq, FakeBunqConfig};

fn upload(client: &Client, path: &str, bytes: &[u8], headers: &[(&str, &str)]) -> HttpResponse {
    let mut all = Client::base_headers();
    all.push((
        "X-Bunq-Client-Authentication".to_owned(),
        client.session_token.clone().expect("session"),
    ));
    all.push((
        "X-Bunq-Client-Signature".to_owned(),
        sign(common::client_key(), bytes),
    ));
    all.extend(
        headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
    );
    common::send(&client.base_url, "POST", path, &all, bytes)
}

fn binary() -> Vec<u8> {
    // Every byte value, including ones that are not UTF-8 and CR/LF.
    (0..=255u8).cycle().take(70_000).collect()
}

#[test]
fn public_attachments_round_trip_binary_bytes() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 1,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let bytes = binary();
    let headers = [
        ("Content-Type", "image/png"),
        ("X-Bunq-Attachment-Description", "A test picture"),
    ];
    let created = upload(&client, "attachment-public", &bytes, &headers);
    assert_eq!(
        created.status,
        200,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    client.assert_signed(&created);
    let uuid = created.item(0)["Uuid"]["uuid"]
        .as_str()
        .expect("uuid")
        .to_owned();
    assert_eq!(uuid.len(), 36);

    let meta = client.get(&format!("attachment-public/{uuid}"));
    assert_eq!(meta.status, 200);
    let attachment = &meta.item(0)["AttachmentPublic"];
    assert_eq!(attachment["uuid"], uuid.as_str());
    assert_eq!(attachment["attachment"]["description"], "A test picture");
    assert_eq!(attachment["attachment"]["content_type"], "image/png");

    let content = client.get(&format!("attachment-public/{uuid}/content"));
    assert_eq!(content.status, 200);
    assert_eq!(content.header("Content-Type"), Some("image/png"));
    assert_eq!(content.body, bytes);
    client.assert_signed(&content);

    let wrong_signature = {
        let mut headers = Client::base_headers();
        headers.push((
            "X-Bunq-Client-Authentication".to_owned(),
            client.session_token.clone().expect("session"),
        ));
        headers.push((
            "X-Bunq-Client-Signature".to_owned(),
            sign(common::client_key(), b"other"),
        ));
        headers.push(("Content-Type".to_owned(), "image/png".to_owned()));
        headers.push(("X-Bunq-Attachment-Description".to_owned(), "x".to_owned()));
        common::send(
            &client.base_url,
            "POST",
            "attachment-public",
            &headers,
            &bytes,
        )
    };
    assert_eq!(wrong_signature.status, 400);

    let undescribed = upload(
        &client,
        "attachment-public",
        &bytes,
        &[("Content-Type", "image/png")],
    );
    assert_eq!(undescribed.status, 400);
    assert!(
        undescribed
            .error_description()
            .contains("X-Bunq-Attachment-Description")
    );
    assert_eq!(client.get("attachment-public/no-such-uuid").status, 404);
}

#[test]
fn account_attachments_round_trip() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 1,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let account = client.account_ids()[0];
    let base = format!(
        "user/{}/monetary-account/{account}/attachment",
        client.user_id
    );
    let bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff];
    let headers = [
        ("Content-Type", "application/octet-stream"),
        ("X-Bunq-Attachment-Description", "receipt"),
    ];
    let created = upload(&client, &base, &bytes, &headers);
    assert_eq!(created.status, 200);
    let id = created.item(0)["Id"]["id"].as_u64().expect("id");
    let content = client.get(&format!("{base}/{id}/content"));
    assert_eq!(content.status, 200);
    assert_eq!(content.body, bytes);
    assert_eq!(
        content.header("Content-Type"),
        Some("application/octet-stream")
    );
    client.assert_signed(&content);
    assert_eq!(
        client.get(&format!("{base}/{}/content", id + 1)).status,
        404
    );
}
