package dev.trajforge.collector.run;

import dev.trajforge.exporter.ExportRecord;
import dev.trajforge.simenv.Usage;

/**
 * One judged episode on its way to the exporter, with what each role spent on it and, for an infra
 * failure, its cause (e.g. {@code model_error: http_500}, {@code judge_failed}).
 */
record Outcome(ExportRecord record, Usage agentUsage, Usage userUsage, Usage judgeUsage, String failure) {
}
