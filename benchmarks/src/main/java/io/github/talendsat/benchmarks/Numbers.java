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
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Small helpers for summarising repeated measurements.
 *
 * @author talend-sat
 */
final class Numbers {

	private Numbers() {
	}

	static double median(double... values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * Join values with slashes, for a key that lists one value per round.
	 * @param values the values
	 * @return the joined values, such as {@code 1/1/1}
	 */
	static String perRound(List<?> values) {
		return values.stream().map(Numbers::format).collect(Collectors.joining("/"));
	}

	static String format(Object value) {
		if (value instanceof Double number) {
			return String.format(Locale.ROOT, "%.1f", number);
		}
		return String.valueOf(value);
	}

}
