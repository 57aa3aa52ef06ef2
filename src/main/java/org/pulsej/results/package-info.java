/**
 * What a PulseJ run writes and reads back: a video's {@link org.pulsej.results.HeartRateResult},
 * its CSV files and charts ({@link org.pulsej.results.ResultWriter},
 * {@link org.pulsej.results.ResultCharts}), the folder's {@code summary.csv}, which videos are complete
 * ({@link org.pulsej.results.CompletedVideos}), a batch run's record and shards
 * ({@link org.pulsej.results.ShardRecord}, {@link org.pulsej.results.Shard}), merging the shards
 * ({@link org.pulsej.results.ResultMerger}) and the guard that no output overwrites an input
 * ({@link org.pulsej.results.OutputGuard}). No measuring happens here.
 */
package org.pulsej.results;
