//! Snapshots of every `compare` table in every format, and of `profile` in every
//! format, on a fixed fixture event (tests/fixtures/compare) and a frozen fixture pack
//! (tests/fixtures/lexicon), so a change to a renderer or to the aggregation shows up
//! as a reviewed diff and a change to the default pack does not.

use assert_cmd::Command;

const EVENT: &str = "tests/fixtures/compare";
const PACK: &str = "tests/fixtures/lexicon";
/// A few short articles per outlet, so the profile's bootstrap intervals have
/// something to resample.
const CORPUS: &str = "tests/fixtures/profile/corpus.jsonl";

fn framescope(args: &[&str]) -> String {
    let out = Command::cargo_bin("framescope")
        .map(|mut c| {
            c.env("COLUMNS", "110")
                .args(["--no-default-lexicon", "--lexicon", PACK])
                .args(args)
                .output()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn compare(table: &str, format: &str) -> String {
    framescope(&["compare", "--only", table, "--format", format, EVENT])
}

macro_rules! compare_snapshots {
    ($($name:ident: $table:literal, $format:literal;)*) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(compare($table, $format));
            }
        )*
    };
}

compare_snapshots! {
    compare_framing_table: "framing", "table";
    compare_framing_md: "framing", "md";
    compare_framing_csv: "framing", "csv";
    compare_framing_json: "framing", "json";
    compare_naming_table: "naming", "table";
    compare_naming_md: "naming", "md";
    compare_naming_csv: "naming", "csv";
    compare_naming_json: "naming", "json";
    compare_sourcing_table: "sourcing", "table";
    compare_sourcing_md: "sourcing", "md";
    compare_sourcing_csv: "sourcing", "csv";
    compare_sourcing_json: "sourcing", "json";
    compare_quotes_table: "quotes", "table";
    compare_quotes_md: "quotes", "md";
    compare_quotes_csv: "quotes", "csv";
    compare_quotes_json: "quotes", "json";
    compare_wording_table: "wording", "table";
    compare_wording_md: "wording", "md";
    compare_wording_csv: "wording", "csv";
    compare_wording_json: "wording", "json";
}

#[test]
fn compare_all_tables_is_every_table_in_order() {
    let all = framescope(&["compare", EVENT]);
    let positions: Vec<Option<usize>> = [
        "Framing by category",
        "Inside quotations",
        "Naming choices",
        "Sourcing",
        "Quotes shared and left out",
        "Distinctive wording",
    ]
    .iter()
    .map(|t| all.find(t))
    .collect();
    assert!(positions.iter().all(Option::is_some), "{all}");
    assert!(
        positions.windows(2).all(|w| w.first() < w.get(1)),
        "{positions:?}"
    );
    let two = framescope(&["compare", "--only", "quotes,naming", EVENT]);
    assert!(two.contains("Naming choices") && two.contains("Quotes shared"));
    assert!(!two.contains("Framing by category") && !two.contains("Distinctive wording"));
}

#[test]
fn compare_by_article_table() {
    insta::assert_snapshot!(framescope(&[
        "compare",
        "--by",
        "article",
        "--only",
        "framing,quotes",
        EVENT
    ]));
}

#[test]
fn compare_one_outlet_says_so() {
    insta::assert_snapshot!(framescope(&[
        "compare",
        "--format",
        "md",
        "tests/fixtures/compare/valley-courier.md"
    ]));
}

#[test]
fn profile_table() {
    insta::assert_snapshot!(framescope(&["profile", "--format", "table", EVENT, CORPUS]));
}

#[test]
fn profile_md() {
    insta::assert_snapshot!(framescope(&["profile", "--format", "md", EVENT, CORPUS]));
}

#[test]
fn profile_csv() {
    insta::assert_snapshot!(framescope(&["profile", "--format", "csv", EVENT, CORPUS]));
}

#[test]
fn profile_json() {
    let text = framescope(&["profile", "--format", "json", EVENT, CORPUS]);
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(
        parsed.get("format").and_then(|f| f.as_str()),
        Some("framescope-profile/1")
    );
    insta::assert_snapshot!(text);
}
