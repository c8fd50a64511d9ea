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
package io.github.talendsat.test;

import org.jspecify.annotations.Nullable;

/**
 * A scripted answer handed out a given number of times, or until cleared when the count
 * is {@link Integer#MAX_VALUE}.
 */
final class CannedAnswers {

	private @Nullable Answer answer;

	private int remaining;

	synchronized void arm(int count, Answer answer) {
		this.answer = answer;
		this.remaining = count;
	}

	synchronized @Nullable Answer take() {
		if (this.remaining == 0) {
			return null;
		}
		if (this.remaining != Integer.MAX_VALUE) {
			this.remaining--;
		}
		return this.answer;
	}

	synchronized void clear() {
		this.answer = null;
		this.remaining = 0;
	}

}
