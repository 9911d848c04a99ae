//! A directive's correlation table in the web application, through HTTP on 127.0.0.1 on each
//! backend (the server of `tests::site`, on the demo data): Directive 2018/2001's provisions read
//! from its real text by the CLI, the table and its coverage on the directive's page, a
//! coordinator of the lead administration writing a line (the history names them, the CLI sees
//! it), a stale form getting the conflict page, a line against the rule refused with what is
//! missing, a reader refused; nothing written by any refused form.

use serde_json::Value;
use tests::ok;
use tests::on_each_backend;
use tests::site::{Site, same};

fn text(name: &str) -> String {
    format!(
        "{}/../crates/importer/tests/fixtures/texts/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn a_coordinator_fills_the_correlation_table_of_a_directive() {
    on_each_backend(|b| {
        let site = Site::start(b);
        let url = &site.url;
        ok(
            url,
            &[
                "directive",
                "articles",
                "2018/2001",
                "--from",
                &text("32018L2001-fr.html"),
            ],
        );
        let jan = site.cookie("jan");
        let lea = site.cookie("lea");

        // The directive's page says the coverage and links the table.
        let (status, _, page) = site.get(Some(&jan), "/directives/32018L2001");
        assert_eq!(status, 200);
        assert!(
            page.contains("/directives/32018L2001/correlation"),
            "{page}"
        );
        assert!(page.contains("0 dispositions couvertes sur 208"), "{page}");
        // The table, in Dutch for the reader.
        let (status, _, table) = site.get(Some(&lea), "/directives/2018-2001/correlation");
        assert_eq!(status, 200);
        assert!(
            table.contains("Concordantietabel") && table.contains("Te doen"),
            "{table}"
        );
        assert_eq!(table.matches("data-code=").count(), 208);

        // Article 3(1)'s page: the form to add a line, the ordinance among the measures.
        let path = "/directives/32018L2001/correlation/3%281%29";
        let (status, _, form) = site.get(Some(&jan), path);
        assert_eq!(status, 200, "{form}");
        assert!(form.contains("Article 3, paragraphe 1"), "{form}");
        let measure = form
            .split("<option value=\"")
            .skip(1)
            .find(|o| o.contains("Ordonnance du 28 avril 2022"))
            .and_then(|o| o.split('"').next())
            .expect("the ordinance is offered")
            .to_owned();
        let loaded = "2020-01-01T00:00:00Z";

        // Against the rule: transposed without the regional provision. Refused, nothing written.
        let before = tests::dump(url);
        let bad = [
            ("version", "0"),
            ("loaded", loaded),
            ("measure", measure.as_str()),
            ("state", "transposed"),
            ("regional", ""),
        ];
        let (status, _, body) = site.post(&jan, path, &bad, &[]);
        assert_eq!(status, 422, "{body}");
        assert!(
            body.contains("dispositions régionales qui la transposent"),
            "{body}"
        );
        same(url, &before, "a line against the rule");
        // A reader may not write.
        let good = [
            ("version", "0"),
            ("loaded", loaded),
            ("measure", measure.as_str()),
            ("state", "transposed"),
            ("regional", "art. 4, § 1er"),
        ];
        let (status, _, _) = site.post(&lea, path, &good, &[]);
        assert_eq!(status, 403);
        same(url, &before, "a reader's form");

        // The coordinator writes it.
        let (status, location, _) = site.post(&jan, path, &good, &[]);
        assert_eq!(status, 303, "{location}");
        assert!(location.contains("saved=1"), "{location}");
        assert_eq!(
            site.history("2018/2001 3(1)", "jan", "regional_provisions"),
            [(None, Some("art. 4, § 1er".to_owned()))]
        );
        let shown: Value =
            serde_json::from_str(&ok(url, &["--json", "correlation", "show", "2018/2001"]))
                .unwrap();
        assert_eq!(shown["coverage"]["transposed"], 1);
        // The same form again: the line moved on since version 0, the conflict page.
        let before = tests::dump(url);
        let (status, _, body) = site.post(&jan, path, &good, &[]);
        assert_eq!(status, 409, "{body}");
        same(url, &before, "a stale form");

        // Annex I, not applicable to the Region, with the reason; then the table says it.
        let annex = "/directives/32018L2001/correlation/Annex%20I";
        let (status, _, _) = site.post(
            &jan,
            annex,
            &[
                ("version", "0"),
                ("loaded", loaded),
                ("measure", ""),
                ("state", "not-applicable"),
                ("reason", "Objectifs nationaux : compétence fédérale"),
            ],
            &[],
        );
        assert_eq!(status, 303);
        let (_, _, page) = site.get(Some(&jan), "/directives/32018L2001");
        assert!(page.contains("2 dispositions couvertes sur 208"), "{page}");
        site.finish();
    });
}
