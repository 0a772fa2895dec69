//! The report as text for people and as JSON for CI.

use super::Report;

/// The report as lines: the verdict, then each change with its class.
pub fn text(report: &Report) -> String {
    let mut out = match report.bump() {
        None => format!(
            "no change to the generated API: {} can stay\n",
            report.old_version
        ),
        Some(bump) => format!(
            "{} change: {} → at least {} (the new spec says {}{})\n",
            bump.as_str(),
            report.old_version,
            report.suggested_version(),
            report.new_version,
            if report.version_suffices() {
                ""
            } else {
                ", which is not enough"
            }
        ),
    };
    for change in &report.changes {
        out.push_str(&format!(
            "{:<5}  {}: {}",
            change.class.as_str(),
            change.kind,
            change.item
        ));
        if !change.detail.is_empty() {
            out.push_str(&format!(" ({})", change.detail));
        }
        out.push('\n');
    }
    out
}

/// The report as a JSON document: `bump` (`major`, `minor`, `patch` or
/// `null`), the versions, whether the new one suffices, and the changes.
pub fn json(report: &Report) -> serde_json::Value {
    serde_json::json!({
        "bump": report.bump().map(|b| b.as_str()),
        "old_version": report.old_version,
        "new_version": report.new_version,
        "suggested_version": report.suggested_version(),
        "new_version_suffices": report.version_suffices(),
        "changes": report.changes.iter().map(|c| serde_json::json!({
            "class": c.class.as_str(),
            "kind": c.kind,
            "item": c.item,
            "detail": c.detail,
        })).collect::<Vec<_>>(),
    })
}
