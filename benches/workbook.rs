//! Issue 17: a 10,000-row workbook imports in ≤ 1 s to its preview and ≤ 2 s to saved. The
//! workbook is the 风险点 sheet of the demo grown to 10,000 risk points (long Chinese texts,
//! three measure columns), as 导出 Excel writes it; it is imported into an empty unit of the
//! same scheme (departments, posts and about 30,000 measures made on the way; the demo's
//! copies are told apart by a 第N批 in their words). Preview: read
//! the workbook, guess kinds and columns, check every row. Commit: the one transaction on disk
//! and the update in memory, as 确认导入 does. Beside them, 导出 Excel of the whole unit.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a benchmark that cannot set up should stop")]

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use lianfang::domain::Content;
use lianfang::domain::content::ContentIndex;
use lianfang::domain::lists::{RISKS, tables};
use lianfang::store::Store;
use lianfang::ui::Document;
use lianfang::workbook::{guess_choice, plan, read_workbook, tables_workbook, unit_workbook};

fn scratch() -> tempfile::TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir() { tempfile::tempdir_in(shm).unwrap() } else { tempfile::tempdir().unwrap() }
}

fn empty_document(dir: &std::path::Path, like: &Content, n: usize) -> Document {
    let path = dir.join(format!("空-{n}.db"));
    let empty = Content::new_unit(&like.unit.name, &like.unit.kind, like.unit.scheme.clone());
    Store::create(&path, &empty).unwrap().close().unwrap();
    Document::new(Store::open(&path).unwrap()).unwrap()
}

fn workbook(c: &mut Criterion) {
    let dir = scratch();
    let original = lianfang::demo::build("tjbh2012").unwrap().risk_points.len();
    let mut unit = lianfang::demo::scaled("tjbh2012", 10_000).unwrap();
    // The grown demo repeats its risk points at the same posts; a list to import names each
    // once, so the copies are told apart (as a unit would: 第二批 …).
    for (i, rp) in unit.risk_points.iter_mut().enumerate().skip(original) {
        rp.description = format!("{}（第{}批）", rp.description, i / original + 1);
    }
    let xlsx = dir.path().join("风险点一万行.xlsx");
    let tables = tables(&unit, &ContentIndex::build(&unit), Some(&[RISKS]));
    std::fs::write(&xlsx, tables_workbook(&tables, "风险点", &unit.unit.name, &unit.unit.scheme).unwrap()).unwrap();
    let mut group = c.benchmark_group("Excel 一万行");
    group.sample_size(10);

    let empty = Content::new_unit(&unit.unit.name, &unit.unit.kind, unit.unit.scheme.clone());
    group.bench_function("导入预览（读取、猜列、逐行核对）", |b| {
        b.iter(|| {
            let sheets = read_workbook(&xlsx).unwrap();
            let choices: Vec<_> = sheets.iter().map(|s| guess_choice(&empty, s)).collect();
            let (preview, _) = plan(&empty, &sheets, &choices);
            assert_eq!(preview.added(), 10_000);
        })
    });

    let sheets = read_workbook(&xlsx).unwrap();
    let mut n = 0;
    group.bench_function("确认导入（一次事务落盘 + 内存更新）", |b| {
        b.iter_batched(
            || {
                n += 1;
                let doc = empty_document(dir.path(), &unit, n);
                let choices: Vec<_> = sheets.iter().map(|s| guess_choice(&doc.content, s)).collect();
                let edit = plan(&doc.content, &sheets, &choices).0.edit("导入", None);
                (doc, edit)
            },
            |(mut doc, edit)| {
                doc.apply(&edit.label, &edit.changes).unwrap();
                doc
            },
            BatchSize::PerIteration,
        )
    });

    group.bench_function("导出 Excel（全部名单，一万个风险点）", |b| {
        b.iter(|| unit_workbook(&unit).unwrap())
    });
    group.finish();
}

criterion_group!(benches, workbook);
criterion_main!(benches);
