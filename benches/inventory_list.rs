//! UI frame CPU time of the 风险点清单 with 10,000 risk points (issue 4: target ≤ 2 ms median in
//! release on the project's 2-core machine). One frame = egui layout of the whole window with
//! the list tab open, plus tessellation into meshes (everything but the GPU upload).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a benchmark that cannot set up should stop")]

use criterion::{Criterion, criterion_group, criterion_main};
use lianfang::domain::new_id;
use lianfang::store::Store;
use lianfang::ui::{App, Tab};

/// The 天津滨海 demo scaled to 10,000 risk points (copies of its own, long Chinese texts).
fn ten_thousand(dir: &std::path::Path) -> std::path::PathBuf {
    let mut c = lianfang::demo::build("tjbh2012").unwrap();
    let originals = c.risk_points.clone();
    let mut seq = i64::try_from(originals.len()).unwrap();
    while c.risk_points.len() < 10_000 {
        for rp in &originals {
            if c.risk_points.len() >= 10_000 {
                break;
            }
            let mut copy = rp.clone();
            copy.id = new_id();
            copy.seq = seq;
            seq += 1;
            c.risk_points.push(copy);
        }
    }
    let path = dir.join("ten_thousand.db");
    Store::create(&path, &c).unwrap().close().unwrap();
    path
}

fn frame(ctx: &egui::Context, app: &mut App) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1440.0, 900.0))),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| app.ui_root(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = ten_thousand(dir.path());
    let mut app = App::for_file(&path);
    assert_eq!(app.document().unwrap().content.risk_points.len(), 10_000);
    app.set_tab(Tab::Inventory);
    let ctx = egui::Context::default();
    lianfang::fonts::install_egui_fonts(&ctx);
    // Warm up: fonts are rasterised and layouts cached in the first frames.
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    c.bench_function("风险点清单 10000 行：一帧（布局 + 网格化）", |b| {
        b.iter(|| frame(&ctx, &mut app))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
