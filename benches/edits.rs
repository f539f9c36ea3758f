//! Issue 14: an edit costs what it changes. One committed edit of the open document at 10,000
//! and 100,000 risk points (the demo grown by `demo::scaled`): a text field, a measure marked
//! 落实, a review step, a reorder — each one transaction on disk plus the update in memory. Beside
//! them, in the same run, what every edit cost before: reading the whole file back and
//! rebuilding the index and levels. Then the preview a selected form shows, beside building
//! the whole form first as it did. The file lives on /dev/shm (where there is one) so that the
//! figures are CPU, not the disk's flush time. Last, opening such a file to its first frame,
//! and exporting it for handing up.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a benchmark that cannot set up should stop")]

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use lianfang::domain::change::Change;
use lianfang::domain::content::ContentIndex;
use lianfang::domain::levels::DerivedLevels;
use lianfang::domain::measures::{Completion, mark_done, reopen};
use lianfang::domain::{ReviewRecord, Stamp, new_id};
use lianfang::store::Store;
use lianfang::ui::Document;

fn scratch() -> tempfile::TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir() { tempfile::tempdir_in(shm).unwrap() } else { tempfile::tempdir().unwrap() }
}

fn document(dir: &std::path::Path, risk_points: usize) -> Document {
    let path = dir.join(format!("scaled-{risk_points}.db"));
    let content = lianfang::demo::scaled("tjbh2012", risk_points).unwrap();
    Store::create(&path, &content).unwrap().close().unwrap();
    Document::new(Store::open(&path).unwrap()).unwrap()
}

fn edits(c: &mut Criterion, risk_points: usize) {
    let dir = scratch();
    let mut doc = document(dir.path(), risk_points);
    let mut group = c.benchmark_group(format!("{risk_points} 个风险点"));
    group.sample_size(20);

    let mut toggle = false;
    group.bench_function("修改一个字段（工作方案文号）", |b| {
        b.iter(|| {
            toggle = !toggle;
            let mut plan = doc.content.plans[0].clone();
            plan.doc_no = if toggle { "津滨职院〔2027〕1号" } else { "津滨职院〔2027〕2号" }.into();
            doc.apply("修改工作方案", &[Change::save(plan)]).unwrap();
        })
    });

    let middle = doc.content.measures.len() / 2;
    let today = lianfang::domain::dates::today();
    let completion =
        Completion { on: today, confirmed_by: "王建国".into(), evidence: "制度文件〔2027〕3号".into() };
    group.bench_function("标记一条措施已落实", |b| {
        b.iter(|| {
            let m = &doc.content.measures[middle];
            let next = if m.done { reopen(m) } else { mark_done(m, &completion, today).unwrap() };
            doc.apply("落实措施", &[Change::save(next)]).unwrap();
        })
    });

    let rp_at = doc.content.risk_points.len() / 2;
    // With what the next frame asks: the step's default reviewer, the last who signed it (read
    // from the file once, then kept up to date by each commit; read again after every review,
    // a scan of the history, it was 50 ms at 100,000 risk points).
    group.bench_function("审核一步（风险点 + 审核记录），再取这一步的默认审核人", |b| {
        b.iter(|| {
            let mut rp = doc.content.risk_points[rp_at].clone();
            rp.review_step = (rp.review_step + 1) % 4;
            let record = ReviewRecord {
                id: new_id(),
                risk_point_id: rp.id,
                step_index: rp.review_step,
                step_name: "部门审核".into(),
                reviewer: "李明".into(),
                reviewed_on: Some(today),
                opinion: "同意".into(),
                passed: true,
                stamp: Stamp::now(),
            };
            let step = rp.review_step;
            doc.apply("审核风险点", &[Change::save(rp), Change::save(record)]).unwrap();
            std::hint::black_box(doc.last_reviewer(step).unwrap());
        })
    });

    let dept = doc.content.posts[0].dept_id;
    group.bench_function("调整两个岗位的顺序", |b| {
        b.iter(|| {
            let mut posts: Vec<_> = doc.content.posts.iter().filter(|p| p.dept_id == dept).take(2).cloned().collect();
            let (a, z) = (posts[0].seq, posts[1].seq);
            posts[0].seq = z;
            posts[1].seq = a;
            let changes: Vec<Change> = posts.into_iter().map(Change::save).collect();
            doc.apply("调整岗位顺序", &changes).unwrap();
        })
    });

    // 表格打印: selecting a form lays out its preview (the first 5,000 rows, with the window's
    // index and levels). Beside it, what it cost before: every row of the form built (with an
    // index and levels of its own), then all but those cut away.
    use lianfang::domain::forms::FormId;
    use lianfang::report::forms::{build_start, build_start_with};
    use lianfang::report::lay_out_preview;
    for (form, name) in [(FormId::DeptRiskSearch, "部门廉政风险查找表"), (FormId::PostRiskSearch, "岗位廉政风险查找表")]
    {
        let subject = lianfang::report::forms::Subject::default();
        group.bench_function(format!("选好表格出预览：{name}"), |b| {
            b.iter(|| {
                let lookups = (&doc.index, &doc.levels);
                lay_out_preview(build_start_with(&doc.content, lookups, form, &subject, 5_000).unwrap(), 5_000).unwrap()
            })
        });
        group.bench_function(format!("对照：生成全部行再排前 5,000 行：{name}"), |b| {
            b.iter(|| lay_out_preview(build_start(&doc.content, form, &subject, usize::MAX).unwrap(), 5_000).unwrap())
        });
    }

    group.bench_function("对照：每次修改后重读整个文件（改前的做法）", |b| {
        b.iter_batched(
            || (),
            |()| {
                let content = doc.store.load().unwrap();
                let index = ContentIndex::build(&content);
                let levels = DerivedLevels::compute(&content);
                (content, index, levels)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Opening a file to the first frame that shows its data: the untrusted-file check, reading
/// and indexing, and one frame of the window on the default tab.
fn open(c: &mut Criterion) {
    let dir = scratch();
    let ctx = egui::Context::default();
    lianfang::fonts::install_egui_fonts(&ctx);
    let mut group = c.benchmark_group("打开文件到第一帧");
    group.sample_size(10);
    for risk_points in [10_000, 100_000] {
        let path = dir.path().join(format!("open-{risk_points}.db"));
        let content = lianfang::demo::scaled("tjbh2012", risk_points).unwrap();
        Store::create(&path, &content).unwrap().close().unwrap();
        drop(content);
        group.bench_function(format!("{risk_points} 个风险点"), |b| {
            b.iter_custom(|iterations| {
                let mut timed = std::time::Duration::ZERO;
                for _ in 0..iterations {
                    let start = std::time::Instant::now();
                    let mut app = lianfang::ui::App::for_file(&path);
                    assert!(app.document().is_some(), "{:?}", app.notices());
                    let input = egui::RawInput {
                        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1440.0, 900.0))),
                        ..Default::default()
                    };
                    let output = ctx.run_ui(input, |ui| app.ui_root(ui));
                    std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point).len());
                    timed += start.elapsed();
                    // The backup that opening starts runs on beside the window: it is let finish
                    // outside the timing, so that it does not slow the next opening.
                    app.finish_background_work();
                }
                timed
            })
        });
    }
    group.finish();
}

/// `lianfang export` of a 100,000-risk-point file, as the command does it: the original's
/// structure checked, a VACUUM INTO copy checked in full while its SHA-256 is taken, the slip
/// (text and PDF) written beside it.
fn export(c: &mut Criterion) {
    let dir = scratch();
    let path = dir.path().join("export-100000.db");
    let content = lianfang::demo::scaled("tjbh2012", 100_000).unwrap();
    Store::create(&path, &content).unwrap().close().unwrap();
    drop(content);
    let mut group = c.benchmark_group("导出报送文件");
    group.sample_size(10);
    group.bench_function("100000 个风险点", |b| {
        b.iter(|| {
            let out = tempfile::tempdir_in(dir.path()).unwrap();
            let store = Store::open_to_copy(&path).unwrap();
            let report = store.export(out.path()).unwrap();
            std::hint::black_box(lianfang::report::write_slip(&report).unwrap());
        })
    });
    group.finish();
}

fn bench(c: &mut Criterion) {
    edits(c, 10_000);
    edits(c, 100_000);
    open(c);
    export(c);
}

criterion_group!(benches, bench);
criterion_main!(benches);
