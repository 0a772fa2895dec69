//! `date-time` and `date` as the `time` crate's types, read and written
//! through [`super::text_format`]'s field adapters: RFC 3339 for an
//! `OffsetDateTime` (its offset kept; a zero offset is written `Z`), and
//! `YYYY-MM-DD` for a `Date`.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

use super::text_format::Text;

/// `date-time`.
impl Text for time::OffsetDateTime {
    fn to_text(&self) -> String {
        // Every value `from_text` makes has a year RFC 3339 can write.
        self.format(&Rfc3339).unwrap_or_else(|_| self.to_string())
    }

    fn from_text(text: &str) -> Result<Self, String> {
        time::OffsetDateTime::parse(text, &Rfc3339)
            .map_err(|e| format!("not an RFC 3339 date-time ({e})"))
    }
}

/// `date`.
impl Text for time::Date {
    fn to_text(&self) -> String {
        let format = format_description!("[year]-[month]-[day]");
        self.format(&format).unwrap_or_else(|_| self.to_string())
    }

    fn from_text(text: &str) -> Result<Self, String> {
        let format = format_description!("[year]-[month]-[day]");
        time::Date::parse(text, &format).map_err(|e| format!("not a date ({e})"))
    }
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn date_times_and_dates_keep_their_values() {
        let at = time::OffsetDateTime::from_text("2026-12-03T09:30:00.25+01:00").unwrap();
        assert_eq!(at.offset().whole_hours(), 1);
        assert_eq!(at.to_text(), "2026-12-03T09:30:00.25+01:00");
        assert_eq!(
            time::OffsetDateTime::from_text("2026-12-03T08:30:00Z")
                .unwrap()
                .to_text(),
            "2026-12-03T08:30:00Z"
        );
        let day = time::Date::from_text("2026-12-24").unwrap();
        assert_eq!(day.to_text(), "2026-12-24");
        assert!(time::Date::from_text("24.12.2026").is_err());
        assert!(time::OffsetDateTime::from_text("yesterday").is_err());
    }
}
