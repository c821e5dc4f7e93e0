//! One corpus policy's comparison, compiled against interpreted, on its own
//! thread, and the counts of what the runs covered.

use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
use cors_runtime::Policy;
use cors_tests::CorpusVisitor;

use crate::adapters::{through_actix, through_tower};
use crate::answers::{answer, matcher_answers};
use crate::generate::{describe, generate};
use crate::inputs::Inputs;
use crate::rng::Rng;
use crate::{corpus, PER_POLICY, THROUGH_ACTIX, THROUGH_TOWER};

/// What one policy's run covered.
#[derive(Default)]
pub struct Counts {
    pub policies: usize,
    pub requests: usize,
    pub allowed: usize,
    pub preflights: usize,
    pub through_tower: usize,
    pub through_actix: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.policies += other.policies;
        self.requests += other.requests;
        self.allowed += other.allowed;
        self.preflights += other.preflights;
        self.through_tower += other.through_tower;
        self.through_actix += other.through_actix;
    }
}

/// Runs each corpus policy on its own thread (the comparisons are
/// independent; this keeps the test within seconds).
#[derive(Default)]
pub struct Differential {
    pub runs: Vec<std::thread::JoinHandle<Counts>>,
}

impl CorpusVisitor for Differential {
    fn visit<P: Policy>(&mut self, file: &str, name: &str, compiled: P) {
        let (file, name) = (file.to_owned(), name.to_owned());
        self.runs
            .push(std::thread::spawn(move || compare(&file, &name, compiled)));
    }
}

/// Compares the compiled policy `name` of `file` with the interpreted one.
fn compare<P: Policy>(file: &str, name: &str, compiled: P) -> Counts {
    let interpreted = DynamicPolicy::from_file(corpus().join(file), name)
        .unwrap_or_else(|error| panic!("{file}: {error}"));
    let reloadable = ReloadablePolicy::new(interpreted.clone());
    assert_eq!(
        format!("{:?}", compiled.config()),
        format!("{:?}", interpreted.config()),
        "{file} {name}: the configs differ"
    );
    let inputs = Inputs::new(interpreted.model());
    let mut rng = Rng::new(&format!("{file}/{name}"));
    let mut actix_requests = Vec::new();
    let mut counts = Counts {
        policies: 1,
        ..Counts::default()
    };
    for i in 0..PER_POLICY {
        let request = generate(&inputs, &mut rng);
        let expected = answer(&compiled, &request);
        let got = answer(&interpreted, &request);
        assert_eq!(
            expected,
            got,
            "{file} {name}, request {i}: {}",
            describe(&request)
        );
        assert_eq!(
            matcher_answers(&compiled, &request),
            matcher_answers(&interpreted, &request),
            "{file} {name}, request {i}: {}",
            describe(&request)
        );
        if i % THROUGH_TOWER == 0 {
            const STATUSES: &[u16] = &[200, 204, 302, 404, 500];
            let status = *rng.pick(STATUSES);
            let expected = through_tower(compiled.clone(), &request, status);
            assert_eq!(
                expected,
                through_tower(interpreted.clone(), &request, status),
                "tower, {file} {name}, request {i}: {}",
                describe(&request)
            );
            assert_eq!(
                expected,
                through_tower(reloadable.clone(), &request, status),
                "tower (reloadable), {file} {name}, request {i}: {}",
                describe(&request)
            );
            counts.through_tower += 1;
        }
        if actix_requests.len() < THROUGH_ACTIX && i % 7 == 0 {
            actix_requests.push(request.clone_parts());
        }
        counts.requests += 1;
        counts.allowed += usize::from(expected.allowed);
        counts.preflights += usize::from(expected.kind == cors_runtime::RequestKind::Preflight);
    }
    counts.through_actix = through_actix(file, name, compiled, interpreted, &actix_requests);
    counts
}
