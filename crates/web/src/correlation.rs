//! A directive's correlation table in the web application: the table with its coverage (each
//! provision, its lines, its state), and a provision's page where whoever may edit the directive
//! (the unit, the coordinators of its administrations) writes a line: the measure, the regional
//! provision(s), the state and the reason, from the version read, under the rule every way of
//! writing a line shares (`domain::provision::check_line`). The workbook round trip stays the
//! CLI's (`correlation export` / `import`).

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use data::correlation::{CorrelationTable, ProvisionLines};
use data::entity::measure;
use domain::{CorrelationState, Lang, Provision};
use serde_json::{Value, json};

use crate::Shared;
use crate::edit::{self, CorrelationLineEdit};
use crate::error::PageError;
use crate::pages::{FlashQuery, PageResult, frame, history_row, loaded_now, refused, w};
use crate::session::Caller;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/directives/{celex}/correlation", get(table))
        .route(
            "/directives/{celex}/correlation/{code}",
            get(provision).post(save_line),
        )
}

/// The directive of an address: its CELEX number, or its number with `-` for `/`.
fn celex_of(text: &str, lang: Lang) -> Result<String, PageError> {
    domain::Celex::parse(text)
        .ok()
        .and_then(|c| c.directive().ok())
        .or_else(|| domain::DirectiveId::parse(&text.replace(['-', '_'], "/")).ok())
        .map(|d| d.celex())
        .ok_or_else(|| crate::pages::not_found(lang, text))
}

fn reference(m: &measure::Model, lang: Lang) -> String {
    let title = match lang {
        Lang::Nl => m.title_nl.as_deref().or(m.title_fr.as_deref()),
        _ => m.title_fr.as_deref().or(m.title_nl.as_deref()),
    };
    domain::provision::measure_reference(m.id, m.kind.into(), m.adopted_on, title, lang)
}

fn label(code: &str, lang: Lang) -> String {
    Provision::parse(code).map_or_else(|_| code.to_owned(), |p| p.label(lang))
}

fn tone(state: CorrelationState) -> &'static str {
    match state {
        CorrelationState::Transposed => "done",
        CorrelationState::NotApplicable => "muted",
        CorrelationState::ToDo => "soon",
    }
}

fn line_json(table: &CorrelationTable, l: &data::entity::correlation::Model, lang: Lang) -> Value {
    let state: CorrelationState = l.state.into();
    json!({
        "measure": l.measure_id.and_then(|id| table.measure(id)).map(|m| reference(m, lang)).unwrap_or_default(),
        "measure_id": l.measure_id.map_or(String::new(), |id| id.to_string()),
        "regional": l.regional_provisions.clone().unwrap_or_default(),
        "state": state.code(),
        "state_label": state.label(lang),
        "reason": l.reason.clone().unwrap_or_default(),
        "version": l.version,
    })
}

fn provision_json(table: &CorrelationTable, p: &ProvisionLines, celex: &str, lang: Lang) -> Value {
    let state = p.state();
    json!({
        "code": p.provision.code,
        "label": label(&p.provision.code, lang),
        "heading": p.provision.heading.clone().unwrap_or_default(),
        "excerpt": p.provision.excerpt.clone().unwrap_or_default(),
        "state": state.label(lang),
        "tone": tone(state),
        "href": format!("/directives/{celex}/correlation/{}", urlencoding(&p.provision.code)),
        "lines": p.lines.iter().map(|l| line_json(table, l, lang)).collect::<Vec<_>>(),
    })
}

/// A provision's code in an address: `3(1)` and `Annex I` percent-encoded.
fn urlencoding(code: &str) -> String {
    code.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub(crate) fn coverage_text(c: &domain::Coverage, lang: Lang) -> String {
    if c.provisions == 0 {
        return w(lang, "web.correlation_unknown").to_owned();
    }
    domain::words::fill(
        lang,
        "web.correlation_coverage",
        &[
            (
                "covered",
                &lang.format_int(i64::try_from(c.covered()).unwrap_or(0)),
            ),
            (
                "provisions",
                &lang.format_int(i64::try_from(c.provisions).unwrap_or(0)),
            ),
            (
                "transposed",
                &lang.format_int(i64::try_from(c.transposed).unwrap_or(0)),
            ),
            (
                "not_applicable",
                &lang.format_int(i64::try_from(c.not_applicable).unwrap_or(0)),
            ),
            (
                "to_do",
                &lang.format_int(i64::try_from(c.to_do).unwrap_or(0)),
            ),
        ],
    )
}

async fn read(
    app: &crate::App,
    celex: &str,
    lang: Lang,
) -> Result<(data::entity::directive::Model, CorrelationTable), PageError> {
    let row = data::repo::directive_by_celex(&app.db, celex)
        .await?
        .ok_or_else(|| crate::pages::not_found(lang, celex))?;
    let table = data::correlation::table(&app.db, row.id).await?;
    Ok((row, table))
}

async fn table(State(app): State<Shared>, caller: Caller, Path(text): Path<String>) -> PageResult {
    let lang = caller.lang;
    let celex = celex_of(&text, lang)?;
    let (row, table) = read(&app, &celex, lang).await?;
    let number = data::correlation::directive_number(&row);
    let provisions: Vec<Value> = table
        .provisions
        .iter()
        .map(|p| provision_json(&table, p, &celex, lang))
        .collect();
    frame(
        &app,
        &caller,
        "directives",
        format!("/directives/{celex}/correlation"),
    )
    .render(
        "correlation.html",
        json!({
            "number": number,
            "celex": celex,
            "coverage": coverage_text(&table.coverage(), lang),
            "provisions": provisions,
        }),
    )
}

async fn provision(
    State(app): State<Shared>,
    caller: Caller,
    Path((text, code)): Path<(String, String)>,
    Query(flash): Query<FlashQuery>,
) -> PageResult {
    let lang = caller.lang;
    let celex = celex_of(&text, lang)?;
    let (row, table) = read(&app, &celex, lang).await?;
    let number = data::correlation::directive_number(&row);
    let key = format!("{number} {code}");
    let p = table
        .provisions
        .iter()
        .find(|p| p.provision.code == code)
        .ok_or_else(|| crate::pages::not_found(lang, &key))?;
    let may_edit = data::users::may_edit_directive(&app.db, &caller.user, &row).await?;
    let history: Vec<_> = data::repo::history_of(&app.db, &key)
        .await?
        .iter()
        .rev()
        .map(|h| history_row(h, lang))
        .collect();
    let measures: Vec<Value> = table
        .measures
        .iter()
        .filter(|m| !p.lines.iter().any(|l| l.measure_id == Some(m.id)))
        .map(|m| json!({ "id": m.id, "label": reference(m, lang) }))
        .collect();
    let states: Vec<Value> = CorrelationState::ALL
        .iter()
        .map(|s| json!({ "code": s.code(), "label": s.label(lang) }))
        .collect();
    frame(
        &app,
        &caller,
        "directives",
        format!("/directives/{celex}/correlation/{}", urlencoding(&code)),
    )
    .render(
        "correlation_provision.html",
        json!({
            "number": number,
            "celex": celex,
            "p": provision_json(&table, p, &celex, lang),
            "may_edit": may_edit,
            "measures": measures,
            "no_line_without_measure": !p.lines.iter().any(|l| l.measure_id.is_none()),
            "states": states,
            "history": history,
            "loaded": loaded_now(),
            "flash": flash.message(lang),
        }),
    )
}

async fn save_line(
    State(app): State<Shared>,
    caller: Caller,
    Path((text, code)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult {
    let lang = caller.lang;
    let celex = celex_of(&text, lang)?;
    let back = format!("/directives/{celex}/correlation/{}", urlencoding(&code));
    let field = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let refuse = |field_key: &'static str, found: String, expected: &str| {
        PageError::Invalid(domain::words::fill(
            lang,
            "web.refused_value",
            &[
                ("field", w(lang, field_key)),
                ("found", &found),
                ("expected", expected),
            ],
        ))
    };
    let version = field("version")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or_else(|| {
            refuse(
                "web.version",
                form.get("version").cloned().unwrap_or_default(),
                w(lang, "web.expected_version"),
            )
        })?;
    let measure_id = match field("measure") {
        None => None,
        Some(m) => Some(m.parse::<i32>().map_err(|_| {
            refuse(
                "web.correlation_measure",
                m.clone(),
                w(lang, "web.expected_measure"),
            )
        })?),
    };
    let state_text = field("state").unwrap_or_default();
    let state = CorrelationState::ALL
        .into_iter()
        .find(|s| s.code() == state_text)
        .ok_or_else(|| {
            refuse(
                "web.correlation_state",
                state_text.clone(),
                w(lang, "web.expected_state"),
            )
        })?;
    let (regional, reason) = (field("regional"), field("reason"));
    if let Err(problem) = domain::provision::check_line(
        state,
        measure_id.is_some(),
        regional.is_some(),
        reason.is_some(),
    ) {
        let field_key = match problem {
            domain::provision::LineProblem::NoMeasure => "web.correlation_measure",
            domain::provision::LineProblem::NoRegionalProvision => "web.correlation_regional",
            domain::provision::LineProblem::NoReason => "web.correlation_reason",
        };
        return Err(refuse(field_key, String::new(), problem.said(lang)));
    }
    let change = CorrelationLineEdit {
        provision: code.clone(),
        measure_id,
        state,
        regional: regional.clone(),
        reason: reason.clone(),
        version,
    };
    match edit::correlation_line(&app.db, &caller.user, &celex, &change).await {
        Ok(true) => Ok(Redirect::to(&format!("{back}?saved=1")).into_response()),
        Ok(false) => Ok(Redirect::to(&back).into_response()),
        Err(e) => {
            let (row, _) = read(&app, &celex, lang).await?;
            let key = format!("{} {code}", data::correlation::directive_number(&row));
            let yours = vec![
                (
                    w(lang, "web.correlation_state"),
                    state.label(lang).to_owned(),
                ),
                (
                    w(lang, "web.correlation_regional"),
                    regional.unwrap_or_default(),
                ),
                (
                    w(lang, "web.correlation_reason"),
                    reason.unwrap_or_default(),
                ),
            ];
            let loaded = form.get("loaded").map(String::as_str);
            refused(&app, &caller, e, &key, loaded, yours, back).await
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_provision_code_in_an_address() {
        assert_eq!(super::urlencoding("3(1)"), "3%281%29");
        assert_eq!(super::urlencoding("Annex I"), "Annex%20I");
        assert_eq!(super::urlencoding("9a"), "9a");
    }
}
