//! The SQLite schema, its version and the migrations that reach it.

/// `PRAGMA application_id` of every lianfang file: "LFNG".
pub const APPLICATION_ID: i32 = 0x4C46_4E47;

/// `PRAGMA user_version` this build writes. Files with a higher number open read-only.
pub const SCHEMA_VERSION: i32 = 3;

/// `MIGRATIONS[n]` takes a file from version `n` to `n + 1`. Never edit a released entry:
/// add a new one and raise `SCHEMA_VERSION`.
pub const MIGRATIONS: [&str; SCHEMA_VERSION as usize] = [V1, V2, V3];

const V1: &str = r"
CREATE TABLE unit (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    scheme TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE person (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    titles TEXT NOT NULL,
    dept_id TEXT REFERENCES department(id) ON DELETE SET NULL,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE department (
    id TEXT PRIMARY KEY NOT NULL,
    parent_id TEXT REFERENCES department(id) ON DELETE RESTRICT,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    head_person_id TEXT REFERENCES person(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE leading_group (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    office_dept_id TEXT REFERENCES department(id) ON DELETE SET NULL,
    office_location TEXT NOT NULL,
    members_note TEXT NOT NULL,
    member_order TEXT NOT NULL CHECK (member_order IN ('manual', 'pinyin', 'strokes')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE group_member (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
    role TEXT NOT NULL CHECK (role IN ('leader', 'deputy_leader', 'member', 'office_director', 'office_member')),
    executive INTEGER NOT NULL CHECK (executive IN (0, 1)),
    concurrent INTEGER NOT NULL CHECK (concurrent IN (0, 1)),
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE supervision (
    id TEXT PRIMARY KEY NOT NULL,
    leader_person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    dept_id TEXT NOT NULL REFERENCES department(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (leader_person_id, dept_id)
) STRICT;

CREATE TABLE plan (
    id TEXT PRIMARY KEY NOT NULL,
    doc_no TEXT NOT NULL,
    title TEXT NOT NULL,
    issuer TEXT NOT NULL,
    signer TEXT NOT NULL,
    signed_on TEXT,
    issued_on TEXT,
    guiding_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE phase (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    description TEXT NOT NULL,
    dept_id TEXT REFERENCES department(id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE task (
    id TEXT PRIMARY KEY NOT NULL,
    phase_id TEXT NOT NULL REFERENCES phase(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    content TEXT NOT NULL,
    dept_id TEXT REFERENCES department(id) ON DELETE SET NULL,
    due_on TEXT,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE pilot_batch (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    starts_on TEXT,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE pilot_batch_dept (
    id TEXT PRIMARY KEY NOT NULL,
    batch_id TEXT NOT NULL REFERENCES pilot_batch(id) ON DELETE CASCADE,
    dept_id TEXT NOT NULL REFERENCES department(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (batch_id, dept_id)
) STRICT;

CREATE TABLE post (
    id TEXT PRIMARY KEY NOT NULL,
    dept_id TEXT NOT NULL REFERENCES department(id) ON DELETE RESTRICT,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    tier TEXT NOT NULL CHECK (tier IN ('leader', 'middle', 'general')),
    duties TEXT NOT NULL,
    basis TEXT NOT NULL,
    key_post INTEGER NOT NULL CHECK (key_post IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE post_holder (
    id TEXT PRIMARY KEY NOT NULL,
    post_id TEXT NOT NULL REFERENCES post(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (post_id, person_id)
) STRICT;

CREATE TABLE power (
    id TEXT PRIMARY KEY NOT NULL,
    dept_id TEXT NOT NULL REFERENCES department(id) ON DELETE RESTRICT,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    content TEXT NOT NULL,
    subject TEXT NOT NULL,
    basis TEXT NOT NULL,
    procedure TEXT NOT NULL,
    time_limit TEXT NOT NULL,
    responsibility TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE power_step (
    id TEXT PRIMARY KEY NOT NULL,
    power_id TEXT NOT NULL REFERENCES power(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE risk_point (
    id TEXT PRIMARY KEY NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('unit', 'department', 'post', 'person')),
    dept_id TEXT REFERENCES department(id) ON DELETE RESTRICT,
    post_id TEXT REFERENCES post(id) ON DELETE RESTRICT,
    person_id TEXT REFERENCES person(id) ON DELETE RESTRICT,
    seq INTEGER NOT NULL,
    class TEXT NOT NULL,
    description TEXT NOT NULL,
    manifestation TEXT NOT NULL,
    power_id TEXT REFERENCES power(id) ON DELETE RESTRICT,
    power_step_id TEXT REFERENCES power_step(id) ON DELETE RESTRICT,
    found_by TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'returned', 'approved')),
    review_step INTEGER NOT NULL,
    grade INTEGER CHECK (grade BETWEEN 1 AND 3),
    grade_inputs TEXT NOT NULL,
    grade_rationale TEXT NOT NULL,
    grade_override_reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE review_record (
    id TEXT PRIMARY KEY NOT NULL,
    risk_point_id TEXT NOT NULL REFERENCES risk_point(id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL,
    step_name TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    reviewed_on TEXT,
    opinion TEXT NOT NULL,
    passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE measure (
    id TEXT PRIMARY KEY NOT NULL,
    risk_point_id TEXT NOT NULL REFERENCES risk_point(id) ON DELETE CASCADE,
    phase TEXT NOT NULL CHECK (phase IN ('before', 'during', 'after')),
    seq INTEGER NOT NULL,
    content TEXT NOT NULL,
    owner_person_id TEXT REFERENCES person(id) ON DELETE SET NULL,
    owner_text TEXT NOT NULL,
    due_on TEXT,
    done INTEGER NOT NULL CHECK (done IN (0, 1)),
    done_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE warning (
    id TEXT PRIMARY KEY NOT NULL,
    post_id TEXT REFERENCES post(id) ON DELETE RESTRICT,
    person_id TEXT REFERENCES person(id) ON DELETE RESTRICT,
    source TEXT NOT NULL,
    received_on TEXT,
    content TEXT NOT NULL,
    verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
    follow_up TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE warning_response (
    id TEXT PRIMARY KEY NOT NULL,
    warning_id TEXT NOT NULL REFERENCES warning(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    responded_on TEXT,
    content TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE inspection_round (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    year INTEGER NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE inspection_result (
    id TEXT PRIMARY KEY NOT NULL,
    round_id TEXT NOT NULL REFERENCES inspection_round(id) ON DELETE CASCADE,
    dept_id TEXT NOT NULL REFERENCES department(id) ON DELETE RESTRICT,
    self_check TEXT NOT NULL,
    assessment TEXT NOT NULL,
    rating TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE commitment (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
    year INTEGER NOT NULL,
    text TEXT NOT NULL,
    signed_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE responsibility_letter (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('graded_risk', 'party_conduct')),
    year INTEGER NOT NULL,
    signer_person_id TEXT NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
    counterpart_person_id TEXT REFERENCES person(id) ON DELETE SET NULL,
    dept_id TEXT REFERENCES department(id) ON DELETE SET NULL,
    signed_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    detail TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE INDEX post_dept ON post(dept_id);
CREATE INDEX risk_point_post ON risk_point(post_id);
CREATE INDEX risk_point_dept ON risk_point(dept_id);
CREATE INDEX risk_point_person ON risk_point(person_id);
CREATE INDEX measure_risk_point ON measure(risk_point_id);
CREATE INDEX review_record_risk_point ON review_record(risk_point_id);
CREATE INDEX power_dept ON power(dept_id);
CREATE INDEX power_step_power ON power_step(power_id);
";

/// Version 2: yearly snapshots of the inventory (动态管理: what changed since last year).
const V2: &str = r"
CREATE TABLE snapshot (
    id TEXT PRIMARY KEY NOT NULL,
    year INTEGER NOT NULL,
    label TEXT NOT NULL,
    inventory TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
";

/// Version 3: recording 落实 of a measure (who confirmed it, the evidence) and marking a
/// measure 不再适用 with a reason instead of deleting it.
const V3: &str = r"
ALTER TABLE measure ADD COLUMN confirmed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE measure ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
ALTER TABLE measure ADD COLUMN not_applicable INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1));
ALTER TABLE measure ADD COLUMN not_applicable_reason TEXT NOT NULL DEFAULT '';
";
