//! Tests of the sending ledger: reading, repairing a torn last line, interrupted sends.

#[cfg(test)]
mod tests {
    use super::super::*;

    const H1: &str = "1111111111111111111111111111111111111111111111111111111111111111";
    const H2: &str = "2222222222222222222222222222222222222222222222222222222222222222";

    fn ledger_with(text: &str) -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("envios/registro.csv");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        (tmp, path)
    }

    fn line(id: &str, hash: &str, status: &str) -> String {
        format!("\"Thu, 03 Dec 2026 07:00:00 GMT\",4,{id},{id}@x.co,{hash},{status},\n")
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_repaired_on_the_next_append() {
        let whole = format!("{HEADER}{}", line("IC-1", H1, "enviado"));
        // Cut before the status: the message may have been accepted.
        let torn = &line("IC-2", H2, "enviado")[..60];
        let (_tmp, path) = ledger_with(&format!("{whole}{torn}"));
        let mut ledger = Ledger::open(&path).unwrap();
        assert_eq!(
            ledger.get(4, "IC-1", "ic-1@x.co"),
            Some(&Record::Sent(H1.into()))
        );
        // Never sent twice: counted as sent, with its card unknown.
        assert_eq!(
            ledger.get(4, "IC-2", "ic-2@x.co"),
            Some(&Record::Sent(String::new()))
        );
        ledger
            .append(4, "IC-3", "ic-3@x.co", H1, Status::Sent, "")
            .unwrap();
        drop(ledger);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with('\n'));
        let ledger = Ledger::open(&path).unwrap();
        assert_eq!(
            ledger.get(4, "IC-2", "ic-2@x.co"),
            Some(&Record::Sent(String::new()))
        );
        assert_eq!(
            ledger.get(4, "IC-3", "ic-3@x.co"),
            Some(&Record::Sent(H1.into()))
        );
        assert_eq!(text.lines().count(), 4, "{text}");
    }

    #[test]
    fn a_torn_failure_records_nothing() {
        let torn = &line("IC-2", H2, "fallido")[..line("IC-2", H2, "fallido").len() - 5];
        let (_tmp, path) = ledger_with(&format!("{HEADER}{torn}"));
        let ledger = Ledger::open(&path).unwrap();
        assert_eq!(ledger.get(4, "IC-2", "ic-2@x.co"), None);
    }

    #[test]
    fn a_missing_final_newline_does_not_glue_the_next_record() {
        let last = line("IC-1", H1, "enviado");
        let (_tmp, path) = ledger_with(&format!("{HEADER}{}", last.trim_end()));
        let mut ledger = Ledger::open(&path).unwrap();
        assert_eq!(
            ledger.get(4, "IC-1", "ic-1@x.co"),
            Some(&Record::Sent(H1.into()))
        );
        ledger
            .append(4, "IC-2", "ic-2@x.co", H2, Status::Sent, "")
            .unwrap();
        drop(ledger);
        let ledger = Ledger::open(&path).unwrap();
        assert_eq!(
            ledger.get(4, "IC-1", "ic-1@x.co"),
            Some(&Record::Sent(H1.into()))
        );
        assert_eq!(
            ledger.get(4, "IC-2", "ic-2@x.co"),
            Some(&Record::Sent(H2.into()))
        );
    }

    #[test]
    fn a_damaged_line_elsewhere_stays_an_error() {
        let text = format!(
            "{HEADER}{}\"roto,4\n{}",
            line("IC-1", H1, "enviado"),
            line("IC-2", H2, "enviado")
        );
        let (_tmp, path) = ledger_with(&text);
        let err = Ledger::open(&path).err().expect("refused");
        assert!(format!("{err:#}").contains("ilegible"), "{err:#}");
    }

    #[test]
    fn formulas_are_neutralized_and_read_back() {
        let (_tmp, path) = ledger_with("");
        let mut ledger = Ledger::open(&path).unwrap();
        ledger
            .append(4, "=IC-1", "a@x.co", H1, Status::Sent, "")
            .unwrap();
        drop(ledger);
        assert!(std::fs::read_to_string(&path).unwrap().contains(",'=IC-1,"));
        let ledger = Ledger::open(&path).unwrap();
        assert_eq!(
            ledger.get(4, "=IC-1", "a@x.co"),
            Some(&Record::Sent(H1.into()))
        );
    }
}

#[cfg(test)]
mod interrupted_tests {
    use super::super::*;

    #[test]
    fn a_send_interrupted_before_its_outcome_counts_as_sent() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("registro.csv");
        let hash = "3".repeat(64);
        let mut ledger = Ledger::open(&path).unwrap();
        for (id, status) in [
            ("IC-1", Status::Sending),
            ("IC-1", Status::Sent),
            ("IC-2", Status::Sending),
            ("IC-2", Status::Failed),
            ("IC-3", Status::Sending),
        ] {
            ledger.append(4, id, "a@x.co", &hash, status, "").unwrap();
        }
        drop(ledger);
        let ledger = Ledger::open(&path).unwrap();
        assert_eq!(
            ledger.get(4, "IC-1", "a@x.co"),
            Some(&Record::Sent(hash.clone()))
        );
        assert_eq!(ledger.get(4, "IC-2", "a@x.co"), None);
        assert_eq!(
            ledger.get(4, "IC-3", "a@x.co"),
            Some(&Record::Sent(String::new()))
        );
        assert_eq!(
            ledger.interrupted(),
            &[(4, "IC-3".to_string(), "a@x.co".to_string())]
        );
    }
}
