/*
 * Copyright 2026 the talend-sat authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.talendsat.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of one measurement: when each started, how long it took and whether it
 * failed, with named instants of the run. Times are nanoseconds from the start of the
 * run. Latency percentiles are over successful calls only, by nearest rank.
 *
 * @author talend-sat
 */
final class Recording {

	private static final double NANOS_PER_MILLI = 1_000_000.0;

	private final long[] starts;

	private final long[] latencies;

	private final boolean[] failed;

	private final int tokenWaits;

	private final long durationNanos;

	private final Map<String, Long> marks;

	private final long[] sortedSuccesses;

	Recording(long[] starts, long[] latencies, boolean[] failed, int tokenWaits, long durationNanos,
			Map<String, Long> marks) {
		this.starts = starts;
		this.latencies = latencies;
		this.failed = failed;
		this.tokenWaits = tokenWaits;
		this.durationNanos = durationNanos;
		this.marks = new LinkedHashMap<>(marks);
		long[] successes = new long[latencies.length];
		int count = 0;
		for (int i = 0; i < latencies.length; i++) {
			if (!failed[i]) {
				successes[count++] = latencies[i];
			}
		}
		this.sortedSuccesses = Arrays.copyOf(successes, count);
		Arrays.sort(this.sortedSuccesses);
	}

	/**
	 * Pool several runs into one, for statistics over all their calls. The marks are not
	 * kept.
	 * @param runs the runs
	 * @return the pooled recording
	 */
	static Recording merge(List<Recording> runs) {
		int total = runs.stream().mapToInt(Recording::calls).sum();
		long[] starts = new long[total];
		long[] latencies = new long[total];
		boolean[] failed = new boolean[total];
		int offset = 0;
		int tokenWaits = 0;
		long duration = 0;
		for (Recording run : runs) {
			System.arraycopy(run.starts, 0, starts, offset, run.calls());
			System.arraycopy(run.latencies, 0, latencies, offset, run.calls());
			System.arraycopy(run.failed, 0, failed, offset, run.calls());
			offset += run.calls();
			tokenWaits += run.tokenWaits;
			duration += run.durationNanos;
		}
		return new Recording(starts, latencies, failed, tokenWaits, duration, Map.of());
	}

	int calls() {
		return this.latencies.length;
	}

	int successes() {
		return this.sortedSuccesses.length;
	}

	int failures() {
		return calls() - successes();
	}

	/**
	 * Count the calls that began while the client held no usable token, so that they
	 * waited for a token request or failed for want of one.
	 * @return the count
	 */
	int tokenWaits() {
		return this.tokenWaits;
	}

	/**
	 * Return how long calls kept failing: from the start of the first failed call to the
	 * end of the last.
	 * @return the nanoseconds, {@code 0} if no call failed
	 */
	long failureWindowNanos() {
		long first = Long.MAX_VALUE;
		for (int i = 0; i < this.starts.length; i++) {
			if (this.failed[i]) {
				first = Math.min(first, this.starts[i]);
			}
		}
		return (first != Long.MAX_VALUE) ? lastFailureEnd() - first : 0;
	}

	/**
	 * Count the failed calls that started in the given interval.
	 * @param from the start of the interval, inclusive
	 * @param to the end of the interval, exclusive
	 * @return the count
	 */
	int failuresStartedBetween(long from, long to) {
		int count = 0;
		for (int i = 0; i < this.starts.length; i++) {
			if (this.failed[i] && this.starts[i] >= from && this.starts[i] < to) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Return when the last failed call ended.
	 * @return the instant, or {@code -1} if no call failed
	 */
	long lastFailureEnd() {
		long last = -1;
		for (int i = 0; i < this.starts.length; i++) {
			if (this.failed[i]) {
				last = Math.max(last, this.starts[i] + this.latencies[i]);
			}
		}
		return last;
	}

	/**
	 * Count the successful calls that took at least the given time.
	 * @param nanos the threshold
	 * @return the count
	 */
	int successesSlowerThan(long nanos) {
		int index = Arrays.binarySearch(this.sortedSuccesses, nanos);
		int first = (index >= 0) ? index : -index - 1;
		while (first > 0 && this.sortedSuccesses[first - 1] == nanos) {
			first--;
		}
		return this.sortedSuccesses.length - first;
	}

	double percentileMillis(double percentile) {
		if (this.sortedSuccesses.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percentile / 100.0 * this.sortedSuccesses.length);
		return this.sortedSuccesses[Math.max(0, rank - 1)] / NANOS_PER_MILLI;
	}

	double maxMillis() {
		return (this.sortedSuccesses.length != 0)
				? this.sortedSuccesses[this.sortedSuccesses.length - 1] / NANOS_PER_MILLI : Double.NaN;
	}

	double callsPerSecond() {
		return successes() / (this.durationNanos / 1e9);
	}

	long durationNanos() {
		return this.durationNanos;
	}

	long mark(String name) {
		Long mark = this.marks.get(name);
		if (mark == null) {
			throw new IllegalArgumentException("No mark '" + name + "' in this run");
		}
		return mark;
	}

}
