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

/**
 * How the API misbehaves on purpose for calls that carry a valid token: scripted
 * rejections of the token, then scripted raw answers.
 */
final class ApiScript {

	private final CannedAnswers rejections = new CannedAnswers();

	private final CannedAnswers failures = new CannedAnswers();

	CannedAnswers rejections() {
		return this.rejections;
	}

	CannedAnswers failures() {
		return this.failures;
	}

	void reset() {
		this.rejections.clear();
		this.failures.clear();
	}

}
