/// What the fuzz page adds to the conformance page's style sheet (`HTMLPageStyle.css`, which it
/// inlines first so both reports look alike): the findings grid, the script and output blocks,
/// a copy-friendly reproduction command, and coverage bars.
enum FuzzHTMLStyle {
    static let css = """
        .finding-head, details.finding > summary { display: grid; align-items: baseline; gap: 10px;
          grid-template-columns: 12px 62px minmax(0, 1.3fr) minmax(0, 1fr) 110px 90px; }
        .finding-head { padding: 2px 8px 2px 9px; color: var(--muted); font-size: 12px; border-bottom: 1px solid var(--line); }
        .finding-head span:first-child { grid-column: 3; }
        summary .sig { font-weight: 600; overflow: hidden; text-overflow: ellipsis; font-family: var(--mono); font-size: 12.5px; }
        summary .rule-title, summary .reaction { overflow: hidden; text-overflow: ellipsis; }
        summary .reaction { font-family: var(--mono); font-size: 12px; }
        summary .steps { color: var(--muted); font-size: 12px; text-align: right; }
        .b-known { color: var(--waive); background: var(--waive-bg); }
        .b-changed { color: var(--waive); background: var(--waive-bg); }
        pre.script, pre.output { font-family: var(--mono); font-size: 12px; background: var(--soft); border: 1px solid var(--line);
          border-radius: 4px; padding: 8px 10px; margin: 4px 0; max-height: 480px; overflow: auto; white-space: pre; }
        pre.output { border-left: 4px solid var(--err); }
        code.repro { display: block; padding: 6px 10px; background: var(--soft); border: 1px solid var(--line); border-radius: 4px;
          user-select: all; -webkit-user-select: all; overflow-wrap: anywhere; }
        .coverage td { min-width: 0; }
        .coverage td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .coverage td.share { min-width: 220px; }
        .coverage td.share small { color: var(--muted); }
        .coverage tr.hit th { font-weight: 600; }
        .bar .n { background: var(--info); }
        .coverages { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; align-items: start; }
        @media (max-width: 800px) { .finding-head, details.finding > summary { grid-template-columns: 12px 62px minmax(0, 1fr) 90px; }
          .finding-head span:nth-child(2), .finding-head span:nth-child(3), summary .rule-title, summary .reaction { display: none; } }
        """
}
