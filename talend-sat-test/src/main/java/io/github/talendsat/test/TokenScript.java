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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How the token endpoint misbehaves on purpose: a delay, scripted failures and a
 * replacement body for successful answers.
 */
final class TokenScript {

	private final CannedAnswers failures = new CannedAnswers();

	private volatile Duration delay = Duration.ZERO;

	private volatile @Nullable String responseBody;

	void delay(Duration delay) {
		this.delay = delay;
	}

	Duration delay() {
		return this.delay;
	}

	CannedAnswers failures() {
		return this.failures;
	}

	void responseBody(@Nullable String responseBody) {
		this.responseBody = responseBody;
	}

	@Nullable String responseBody() {
		return this.responseBody;
	}

	void reset() {
		this.delay = Duration.ZERO;
		this.responseBody = null;
		this.failures.clear();
	}

}
