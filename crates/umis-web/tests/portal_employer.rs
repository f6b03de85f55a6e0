//! Employers' pages: the year's work-permit quota, their applications, and their foreign
//! employees by permit expiry (approved work permits of this employer only).

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use support::*;
use umis_store::testing::TestDb;

#[test]
fn an_employer_sees_the_quota_applications_and_employees() {
    for db in TestDb::both().unwrap() {
        let rt = runtime();
        let (w, secrets) = world(db);
        let w = rt.block_on(async move {
            let w = signed_in(w, &secrets).await;
            let employer = person(&w, "employer");
            let a = page(&w, Some(employer), "/employer").await;
            assert_eq!(a.status, StatusCode::OK);
            let html = a.text();
            assert!(html.contains("id=\"quota-left\">2<"), "{html}");
            assert!(
                html.contains("href=\"/services/work_permit\"")
                    && html.contains("href=\"/services/work_permit_extension\"")
            );
            assert!(html.contains("id=\"no-applications\""));
            let none = page(&w, Some(employer), "/employer/employees").await.text();
            assert!(none.contains("id=\"no-employees\""));
            // A work permit filed and approved: the quota drops, the employee is listed.
            let case = file(&w, "employer", "work_permit", &[]).await;
            let id = case["id"].as_str().unwrap().to_owned();
            decide(&w, &id, false, approve_for("work_permit")).await;
            let html = page(&w, Some(employer), "/employer").await.text();
            assert!(html.contains("id=\"quota-left\">1<"), "{html}");
            assert!(html.contains(&format!("/applications/{id}")));
            let html = page(&w, Some(employer), "/employer/employees").await.text();
            assert!(html.contains("TESTOV"), "{html}");
            assert!(html.contains("/services/work_permit_extension"));
            // Others never see an employer's pages.
            for who in ["host", "applicant", "officer"] {
                let a = page(&w, Some(person(&w, who)), "/employer/employees").await;
                assert_eq!(a.status, StatusCode::FORBIDDEN, "{who}");
            }
            w
        });
        drop(w);
    }
}
