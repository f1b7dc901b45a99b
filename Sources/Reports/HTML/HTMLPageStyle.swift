/// The page's only style sheet, inlined so the report works offline and attached to a ticket:
/// system fonts, no images. Every verdict colour comes with a text label, so nothing depends on
/// telling colours apart.
enum HTMLPageStyle {
    static let css = """
        :root {
          --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
          --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
          --waive: #9a6700; --waive-bg: #fff8c5; --err: #8250df; --err-bg: #fbefff;
          --info: #0969da; --info-bg: #ddf4ff;
          --mono: ui-monospace, "DejaVu Sans Mono", "SFMono-Regular", Menlo, Consolas, monospace;
        }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--fg); background: #fff;
          font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
        .page { max-width: 1280px; margin: 0 auto; padding: 24px 28px 64px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 16px; margin: 22px 0 6px; }
        h3 small, h2 small { font-weight: normal; color: var(--muted); font-size: 13px; margin-left: 8px; }
        h4 { font-size: 13px; margin: 14px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        a { color: var(--info); text-decoration: none; }
        a:hover { text-decoration: underline; }
        code, .mono { font-family: var(--mono); font-size: 12.5px; }
        .sub { color: var(--muted); margin: 0 0 14px; }
        dl.run, dl.facts, dl.verdict-table, dl.close-facts { display: grid; grid-template-columns: max-content 1fr;
          gap: 2px 16px; margin: 8px 0; }
        dl dt { color: var(--muted); }
        dl dd { margin: 0; overflow-wrap: anywhere; }
        .banner { margin: 16px 0; padding: 10px 14px; border: 2px solid var(--fail); background: var(--fail-bg);
          border-radius: 6px; font-weight: 600; }
        .targets { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
        .target { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
        .target h2 { margin: 0 0 6px; border: 0; font-size: 17px; overflow-wrap: anywhere; }
        .totals { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
        .tile { border-radius: 6px; padding: 4px 12px; border: 1px solid var(--line); min-width: 92px; }
        .tile b { display: block; font-size: 22px; line-height: 1.2; }
        .tile.t-passed { background: var(--pass-bg); border-color: var(--pass); }
        .tile.t-failed { background: var(--fail-bg); border-color: var(--fail); }
        .tile.t-waived { background: var(--waive-bg); border-color: var(--waive); }
        .tile.t-error { background: var(--err-bg); border-color: var(--err); }
        .tile.zero { background: var(--soft); border-color: var(--line); color: var(--muted); }
        .notpassed { margin: 6px 0 0; font-size: 13px; }
        .notpassed summary { cursor: pointer; }
        .notpassed p { margin: 4px 0 0; }
        .notpassed p a { font-family: var(--mono); font-size: 12px; margin-right: 10px; white-space: nowrap; }
        .baseline, .launched { font-size: 13px; margin: 6px 0 0; }
        .launched pre { max-height: 24em; overflow: auto; background: var(--soft); padding: 6px; white-space: pre-wrap; }
        table.measurements { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
        table.checklist { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; width: 100%; }
        .checklist caption { text-align: left; font-weight: 700; font-size: 16px; padding-bottom: 4px; }
        .checklist th, .checklist td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        .checklist thead th { background: var(--soft); }
        .checklist tbody th { font-weight: 600; white-space: nowrap; }
        .checklist td:first-child { white-space: nowrap; width: 1%; }
        .checklist .status { display: inline-block; min-width: 4.5em; text-align: center; padding: 1px 6px; border-radius: 4px;
          font-weight: 700; font-size: 12px; border: 1px solid var(--line); color: var(--muted); }
        .checklist tr.m-ok .status { color: var(--pass); background: var(--pass-bg); border-color: var(--pass); }
        .checklist tr.m-warn .status { color: var(--waive); background: var(--waive-bg); border-color: var(--waive); }
        .checklist tr.m-fail .status { color: #fff; background: var(--fail); border-color: var(--fail); }
        .checklist tr.m-fail th, .checklist tr.m-fail td { background: var(--fail-bg); }
        .measurements caption { text-align: left; font-weight: 600; padding-bottom: 2px; }
        .measurements th, .measurements td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
        .measurements thead th { background: var(--soft); }
        .measurements tbody th { font-weight: normal; }
        .measurements tbody th small, .measurements tbody td small { color: var(--muted); display: block; font-size: 12px; }
        .measurements tr.m-ok td .status { color: var(--pass); font-weight: 600; }
        .measurements tr.m-warn td .status { color: var(--waive); font-weight: 600; }
        .measurements tr.m-fail td .status { color: var(--fail); font-weight: 600; }
        .measurements tr.m-not-measured td .status { color: var(--muted); font-weight: 600; }
        table.matrix { border-collapse: collapse; margin: 6px 0; }
        .matrix th, .matrix td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: middle; }
        .matrix thead th { background: var(--soft); font-size: 13px; max-width: 260px; overflow-wrap: anywhere; }
        .matrix tbody th { font-weight: normal; }
        .matrix tbody th small { color: var(--muted); display: block; font-size: 12px; }
        .matrix td { min-width: 170px; }
        .matrix td a { color: inherit; display: block; }
        .matrix td small { display: block; font-size: 12px; }
        .matrix td.c-passed { background: var(--pass-bg); }
        .matrix td.c-failed { background: var(--fail-bg); }
        .matrix td.c-waived { background: var(--waive-bg); }
        .matrix td.c-error { background: var(--err-bg); }
        .matrix td.c-none { color: var(--muted); }
        .bar { display: flex; height: 6px; margin-top: 3px; background: var(--line); border-radius: 3px; overflow: hidden; }
        .bar i { display: block; height: 100%; }
        .bar .p { background: var(--pass); } .bar .f { background: var(--fail); }
        .bar .w { background: var(--waive); } .bar .e { background: var(--err); }
        .filters { position: sticky; top: 0; z-index: 2; background: rgba(255, 255, 255, .97); border-bottom: 1px solid var(--line);
          padding: 8px 0; margin-top: 24px; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; font-size: 13px; }
        .filters .group { display: flex; flex-wrap: wrap; gap: 2px 10px; align-items: center; }
        .filters .label { font-weight: 600; }
        .filters label { white-space: nowrap; cursor: pointer; }
        .filters button { font: inherit; padding: 1px 8px; border: 1px solid var(--line); border-radius: 4px; background: var(--soft);
          cursor: pointer; }
        #shown { color: var(--muted); margin-left: auto; }
        details.case { border: 1px solid var(--line); border-left-width: 4px; border-radius: 4px; margin: 3px 0; scroll-margin-top: 96px; }
        section.category, section.target-cases { scroll-margin-top: 96px; }
        details.case.s-passed { border-left-color: var(--pass); }
        details.case.s-failed { border-left-color: var(--fail); }
        details.case.s-waived { border-left-color: var(--waive); }
        details.case.s-error { border-left-color: var(--err); }
        details.case[open] { box-shadow: 0 1px 4px rgba(0, 0, 0, .12); }
        details.case > summary { cursor: pointer; padding: 2px 8px 2px 4px; display: grid; align-items: baseline; gap: 10px;
          grid-template-columns: 12px 62px minmax(0, 370px) 52px 215px 58px minmax(0, 1fr); white-space: nowrap; list-style: none; }
        details.case > summary::-webkit-details-marker { display: none; }
        details.case > summary::before { content: "▸"; color: var(--muted); }
        details.case[open] > summary::before { content: "▾"; }
        details.case > summary:hover { background: var(--soft); }
        summary .id { font-weight: 600; overflow: hidden; text-overflow: ellipsis; }
        summary .alias { color: var(--muted); font-family: var(--mono); font-size: 12px; }
        summary .verdicts { font-family: var(--mono); font-size: 12px; }
        summary .verdicts.marked { color: var(--info); }
        summary .ms { color: var(--muted); font-size: 12px; text-align: right; }
        summary .what { color: var(--muted); overflow: hidden; text-overflow: ellipsis; }
        .badge { display: inline-block; min-width: 58px; text-align: center; font-weight: 700; font-size: 11.5px;
          border-radius: 3px; padding: 0 6px; letter-spacing: .03em; border: 1px solid; }
        .b-passed { color: var(--pass); background: var(--pass-bg); }
        .b-failed { color: #fff; background: var(--fail); border-color: var(--fail); }
        .b-waived { color: var(--waive); background: var(--waive-bg); }
        .b-error { color: #fff; background: var(--err); border-color: var(--err); }
        .case .body { padding: 4px 14px 14px 14px; border-top: 1px solid var(--line); }
        .rule { margin: 8px 0; padding: 8px 12px; background: var(--soft); border-left: 3px solid var(--muted); }
        .rule .level { font-weight: 700; font-size: 12px; margin-right: 4px; }
        blockquote.sentence { margin: 4px 0 8px 12px; padding-left: 8px; border-left: 3px solid #ccc; color: #444; }
        .rule .section { color: var(--muted); white-space: nowrap; }
        .verdict { font-family: var(--mono); font-size: 12.5px; font-weight: 600; }
        .v-ok { color: var(--pass); } .v-bad { color: var(--fail); } .v-lenient { color: var(--info); }
        .error { color: var(--err); font-weight: 600; }
        .divergence { margin: 8px 0; padding: 8px 12px; background: var(--fail-bg); border: 1px solid var(--fail);
          border-left-width: 5px; border-radius: 4px; }
        .waiver { margin: 8px 0; padding: 6px 12px; background: var(--waive-bg); border-left: 5px solid var(--waive); }
        .autobahn { margin: 10px 0; padding: 6px 12px; background: var(--info-bg); border-left: 5px solid var(--info); }
        .reasons { margin: 6px 0; padding-left: 20px; }
        .compare { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
        .outcome { margin: 4px 0 8px; }
        ol.events { margin: 2px 0; padding-left: 38px; font-family: var(--mono); font-size: 12px; }
        ol.events li.gap, tr.gap td { list-style: none; color: var(--muted); font-style: italic; }
        .none { color: var(--muted); font-style: italic; margin: 2px 0; }
        q.peer { font-family: var(--mono); }
        table.transcript { border-collapse: collapse; width: 100%; font-family: var(--mono); font-size: 11.5px; table-layout: fixed; }
        .transcript th { text-align: left; color: var(--muted); font-weight: normal; border-bottom: 1px solid var(--line); }
        .transcript th:nth-child(1) { width: 72px; } .transcript th:nth-child(2) { width: 70px; }
        .transcript th:nth-child(3) { width: 60px; } .transcript th:nth-child(5) { width: 47%; }
        .transcript td { padding: 1px 6px 1px 0; vertical-align: top; overflow-wrap: anywhere; }
        .transcript td:first-child { text-align: right; padding-right: 10px; color: var(--muted); }
        .transcript tr.fs td:nth-child(2), .transcript tr.tx td:nth-child(2) { color: #0550ae; }
        .transcript tr.fr td:nth-child(2), .transcript tr.rx td:nth-child(2) { color: #953800; }
        .transcript tr.fs, .transcript tr.fr { background: var(--soft); }
        .transcript tr.nt { color: var(--muted); }
        .transcript td:nth-child(5) { color: var(--muted); }
        [hidden] { display: none !important; }
        @media (max-width: 800px) { .compare { grid-template-columns: 1fr; } details.case > summary { grid-template-columns: 12px 62px minmax(0, 1fr) 58px; }
          summary .alias, summary .verdicts, summary .what { display: none; } }
        @media print { .filters { display: none; } }
        """
}
