//! The member states of the European Union, and the United Kingdom, which the register lists for
//! the cases before it left in 2020: under the English name the Commission's register writes
//! ("Belgium", the value stored for a case), and the three letters EUR-Lex puts in a national
//! measure's CELEX number (`BEL` in `72019L1024BEL_202200123`).
//!
//! How people and sources write a member state (codes, French, Dutch and native names) is read by
//! the importer that meets them (`importer::register::country_of`); here are only the two forms the
//! tool writes.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A member state; its serde form is its English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Country {
    Austria,
    Belgium,
    Bulgaria,
    Croatia,
    Cyprus,
    Czechia,
    Denmark,
    Estonia,
    Finland,
    France,
    Germany,
    Greece,
    Hungary,
    Ireland,
    Italy,
    Latvia,
    Lithuania,
    Luxembourg,
    Malta,
    Netherlands,
    Poland,
    Portugal,
    Romania,
    Slovakia,
    Slovenia,
    Spain,
    Sweden,
    /// A member state until 31 January 2020.
    #[serde(rename = "United Kingdom")]
    UnitedKingdom,
}

impl Country {
    pub const ALL: [Country; 28] = [
        Country::Austria,
        Country::Belgium,
        Country::Bulgaria,
        Country::Croatia,
        Country::Cyprus,
        Country::Czechia,
        Country::Denmark,
        Country::Estonia,
        Country::Finland,
        Country::France,
        Country::Germany,
        Country::Greece,
        Country::Hungary,
        Country::Ireland,
        Country::Italy,
        Country::Latvia,
        Country::Lithuania,
        Country::Luxembourg,
        Country::Malta,
        Country::Netherlands,
        Country::Poland,
        Country::Portugal,
        Country::Romania,
        Country::Slovakia,
        Country::Slovenia,
        Country::Spain,
        Country::Sweden,
        Country::UnitedKingdom,
    ];

    /// The English name, as the register writes it and a case stores it: "Belgium".
    pub fn name(&self) -> &'static str {
        match self {
            Country::Austria => "Austria",
            Country::Belgium => "Belgium",
            Country::Bulgaria => "Bulgaria",
            Country::Croatia => "Croatia",
            Country::Cyprus => "Cyprus",
            Country::Czechia => "Czechia",
            Country::Denmark => "Denmark",
            Country::Estonia => "Estonia",
            Country::Finland => "Finland",
            Country::France => "France",
            Country::Germany => "Germany",
            Country::Greece => "Greece",
            Country::Hungary => "Hungary",
            Country::Ireland => "Ireland",
            Country::Italy => "Italy",
            Country::Latvia => "Latvia",
            Country::Lithuania => "Lithuania",
            Country::Luxembourg => "Luxembourg",
            Country::Malta => "Malta",
            Country::Netherlands => "Netherlands",
            Country::Poland => "Poland",
            Country::Portugal => "Portugal",
            Country::Romania => "Romania",
            Country::Slovakia => "Slovakia",
            Country::Slovenia => "Slovenia",
            Country::Spain => "Spain",
            Country::Sweden => "Sweden",
            Country::UnitedKingdom => "United Kingdom",
        }
    }

    /// The three letters of a national measure's CELEX number (ISO 3166 alpha-3, as the
    /// Publications Office's country table has them): `BEL`.
    pub fn celex_code(&self) -> &'static str {
        match self {
            Country::Austria => "AUT",
            Country::Belgium => "BEL",
            Country::Bulgaria => "BGR",
            Country::Croatia => "HRV",
            Country::Cyprus => "CYP",
            Country::Czechia => "CZE",
            Country::Denmark => "DNK",
            Country::Estonia => "EST",
            Country::Finland => "FIN",
            Country::France => "FRA",
            Country::Germany => "DEU",
            Country::Greece => "GRC",
            Country::Hungary => "HUN",
            Country::Ireland => "IRL",
            Country::Italy => "ITA",
            Country::Latvia => "LVA",
            Country::Lithuania => "LTU",
            Country::Luxembourg => "LUX",
            Country::Malta => "MLT",
            Country::Netherlands => "NLD",
            Country::Poland => "POL",
            Country::Portugal => "PRT",
            Country::Romania => "ROU",
            Country::Slovakia => "SVK",
            Country::Slovenia => "SVN",
            Country::Spain => "ESP",
            Country::Sweden => "SWE",
            Country::UnitedKingdom => "GBR",
        }
    }

    /// The member state of an English name exactly as [`Country::name`] writes it.
    pub fn from_name(name: &str) -> Option<Country> {
        Country::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The member state of a CELEX number's three letters exactly as [`Country::celex_code`]
    /// writes them.
    pub fn from_celex_code(code: &str) -> Option<Country> {
        Country::ALL.into_iter().find(|c| c.celex_code() == code)
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes_and_serde_form() {
        for c in Country::ALL {
            assert_eq!(Country::from_name(c.name()), Some(c));
            assert_eq!(Country::from_celex_code(c.celex_code()), Some(c));
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                serde_json::json!(c.name())
            );
            assert_eq!(c.to_string(), c.name());
        }
        let mut codes: Vec<&str> = Country::ALL.iter().map(Country::celex_code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 28);
        assert_eq!(Country::from_name("belgium"), None);
        assert_eq!(Country::from_name("BE"), None);
        assert_eq!(Country::from_celex_code("bel"), None);
        assert_eq!(Country::from_celex_code("NOR"), None);
        assert_eq!(
            serde_json::from_str::<Country>("\"United Kingdom\"").unwrap(),
            Country::UnitedKingdom
        );
    }
}
