//! Who is acting: the account (or machine client) behind a request, as the core checks it.
//!
//! Every use case takes an [`Actor`] and decides itself whether the actor may do what is
//! asked (the trusted service layer); the web layer's route table only keeps roles away from
//! endpoints that are not theirs.

use umis_domain::Role;

/// The authenticated subject of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Account id (or `token:<name>` for machine clients, `system` for umis itself).
    pub id: String,
    /// Its one role.
    pub role: Role,
    /// Office of staff.
    pub office: Option<String>,
    /// Staff granted sight of every office.
    pub all_offices: bool,
}

impl Actor {
    /// umis itself, for automatic steps (registration granted on filing, notifications).
    pub fn system() -> Actor {
        Actor { id: "system".into(), role: Role::Admin, office: None, all_offices: true }
    }

    /// How the audit trail names the actor: who, in which role, at which office.
    pub fn audit_name(&self) -> String {
        format!("{} {}@{}", self.id, self.role, self.office.as_deref().unwrap_or("-"))
    }

    /// Whether this staff member's office rules let them see cases of `office`.
    pub fn sees_office(&self, office: &str) -> bool {
        self.all_offices || self.office.as_deref() == Some(office)
    }
}
