//! Country codes: ISO 3166-1 alpha-3 plus the ICAO 9303 codes for stateless persons, refugees
//! and unspecified nationality.

use std::fmt;

/// ISO 3166-1 alpha-3, sorted so that lookup is a binary search.
const ISO_ALPHA3: &str = "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI \
BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE \
CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU \
EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC \
GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY \
JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR \
MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER \
NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF \
QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN \
SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY \
USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE";

/// ICAO 9303 codes that are not countries: stateless, refugee (1951 Convention), refugee
/// (other), unspecified nationality.
const ICAO_SPECIAL: [&str; 4] = ["XXA", "XXB", "XXC", "XXX"];

/// A valid country code, stored as its three ASCII capitals.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 3]);

/// The refusal of a country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an ISO 3166-1 alpha-3 code or ICAO XXA/XXB/XXC/XXX")]
pub struct CountryCodeError;

impl CountryCode {
    /// Accepts a known code written in capitals, exactly three letters.
    pub fn parse(s: &str) -> Result<CountryCode, CountryCodeError> {
        let b = s.as_bytes();
        if b.len() != 3 || !b.iter().all(u8::is_ascii_uppercase) {
            return Err(CountryCodeError);
        }
        if known_codes()[index(b)] { Ok(CountryCode([b[0], b[1], b[2]])) } else { Err(CountryCodeError) }
    }

    /// The three letters.
    pub fn as_str(&self) -> &str {
        // Only ASCII capitals are ever stored, so this never falls back.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

/// Position of three capitals in a 26³ table.
fn index(b: &[u8]) -> usize {
    b.iter().fold(0, |acc, &c| acc * 26 + usize::from(c - b'A'))
}

/// Every valid code as a flag in a 26³ table: parsing runs once per imported or scanned row,
/// so it is a lookup rather than a search.
fn known_codes() -> &'static [bool] {
    static KNOWN: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut known = vec![false; 26 * 26 * 26];
        for code in iso_codes().iter().chain(ICAO_SPECIAL.iter()) {
            known[index(code.as_bytes())] = true;
        }
        known
    })
}

fn iso_codes() -> &'static [&'static str] {
    static CODES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    CODES.get_or_init(|| ISO_ALPHA3.split_whitespace().collect())
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_complete_and_sorted() {
        let codes = iso_codes();
        assert_eq!(codes.len(), 249);
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn accepts_and_refuses() {
        for ok in ["DEU", "AZE", "KAZ", "XXA", "XXB", "XXC", "XXX", "ABW", "ZWE"] {
            assert_eq!(CountryCode::parse(ok).map(|c| c.to_string()), Ok(ok.to_owned()));
        }
        for bad in ["deu", "DE", "DEUU", "XXY", "D<<", "", "ÄZE", "GBD"] {
            assert_eq!(CountryCode::parse(bad), Err(CountryCodeError), "{bad:?}");
        }
    }
}
