//! Who may do what in the back office (Pasal 3(1): each officer their own line of work).
//! The table is data, [`GRANTS`], read by one function and tested cell by cell.

use serde::Serialize;

/// An officer's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Officers, kiosks, catalogue, calendar, settings.
    Admin,
    /// Applications and permits.
    Verifikator,
    /// Complaints.
    Pengaduan,
    /// Reads applications and prints receipts at the counter.
    FrontOffice,
    /// The head of office: figures and reports, read only.
    Pimpinan,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Verifikator,
        Role::Pengaduan,
        Role::FrontOffice,
        Role::Pimpinan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Verifikator => "verifikator",
            Role::Pengaduan => "pengaduan",
            Role::FrontOffice => "front_office",
            Role::Pimpinan => "pimpinan",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether the role must sign in with a second factor (TOTP): admins always.
    pub fn needs_totp(self) -> bool {
        self == Role::Admin
    }
}

/// What an officer may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Permission {
    /// See the application inbox and an application's page (personal data included).
    ReadApplications,
    /// Change an application's status, record its steps, issue its permit.
    WorkApplications,
    /// Issue and revoke permits, import the register.
    ManagePermits,
    /// Read and answer complaints.
    WorkComplaints,
    /// Officer accounts.
    ManageStaff,
    /// Kiosks, catalogue, calendar, settings.
    ManageOffice,
    /// Read the audit log.
    ReadAudit,
    /// Figures and reports.
    ReadFigures,
}

impl Permission {
    pub const ALL: [Permission; 8] = [
        Permission::ReadApplications,
        Permission::WorkApplications,
        Permission::ManagePermits,
        Permission::WorkComplaints,
        Permission::ManageStaff,
        Permission::ManageOffice,
        Permission::ReadAudit,
        Permission::ReadFigures,
    ];
}

use Permission as P;

/// The role → permission table. Anything not listed is refused.
pub const GRANTS: &[(Role, &[Permission])] = &[
    (
        Role::Admin,
        &[
            P::ReadApplications,
            P::ManageStaff,
            P::ManageOffice,
            P::ReadAudit,
            P::ReadFigures,
        ],
    ),
    (
        Role::Verifikator,
        &[
            P::ReadApplications,
            P::WorkApplications,
            P::ManagePermits,
            P::ReadFigures,
        ],
    ),
    (Role::Pengaduan, &[P::WorkComplaints, P::ReadFigures]),
    (Role::FrontOffice, &[P::ReadApplications]),
    (Role::Pimpinan, &[P::ReadFigures, P::ReadAudit]),
];

/// Whether `role` may do `what`.
pub fn allows(role: Role, what: Permission) -> bool {
    GRANTS
        .iter()
        .any(|(r, granted)| *r == role && granted.contains(&what))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cell of the table, written out: a change to the grants must change this too.
    #[test]
    fn every_role_and_permission_cell() {
        use Permission::*;
        let expected: [(Role, [bool; 8]); 5] = [
            //                  read   work   permits compl  staff  office audit  figures
            (
                Role::Admin,
                [true, false, false, false, true, true, true, true],
            ),
            (
                Role::Verifikator,
                [true, true, true, false, false, false, false, true],
            ),
            (
                Role::Pengaduan,
                [false, false, false, true, false, false, false, true],
            ),
            (
                Role::FrontOffice,
                [true, false, false, false, false, false, false, false],
            ),
            (
                Role::Pimpinan,
                [false, false, false, false, false, false, true, true],
            ),
        ];
        let order = [
            ReadApplications,
            WorkApplications,
            ManagePermits,
            WorkComplaints,
            ManageStaff,
            ManageOffice,
            ReadAudit,
            ReadFigures,
        ];
        assert_eq!(order, Permission::ALL);
        for (role, row) in expected {
            for (what, want) in order.iter().zip(row) {
                assert_eq!(allows(role, *what), want, "{role:?} {what:?}");
            }
        }
    }

    #[test]
    fn roles_read_back_from_their_codes() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("root"), None);
        assert!(Role::Admin.needs_totp() && !Role::Verifikator.needs_totp());
    }
}
