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

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link TalendCloudEmulatorExtension}. The methods run in order: the second
 * checks that the first one's traffic was reset.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TalendCloudEmulatorExtensionTests {

	@RegisterExtension
	static TalendCloudEmulatorExtension talend = TalendCloudEmulatorExtension.withAccount("client-1", "secret-1");

	@Test
	@Order(1)
	void parameterWhenResolvedThenSameRunningEmulator(TalendCloudEmulator emulator) {
		assertThat(emulator).isSameAs(talend.emulator());
		assertThat(emulator.isRunning()).isTrue();
		assertThat(talend.baseUrl()).isEqualTo("http://127.0.0.1:" + emulator.port());
		assertThat(talend.tokenUri()).isEqualTo(emulator.baseUrl() + "/security/oauth/token");
		assertThat(new TalendHttp(emulator).requestToken("client-1", "secret-1").statusCode()).isEqualTo(200);
		emulator.tokenEndpointHangs(true);
	}

	@Test
	@Order(2)
	void beforeEachWhenPreviousTestLeftTrafficAndScriptsThenEmulatorWasReset(TalendCloudEmulator emulator) {
		assertThat(emulator.tokenRequests()).isZero();
		assertThat(emulator.tokensIssued()).isZero();
		assertThat(new TalendHttp(emulator).requestToken("client-1", "secret-1").statusCode()).isEqualTo(200);
	}

	@Nested
	class NestedTests {

		@Test
		void emulatorWhenUsedFromNestedClassThenStillRunning(TalendCloudEmulator emulator) {
			assertThat(emulator).isSameAs(talend.emulator());
			assertThat(emulator.isRunning()).isTrue();
			assertThat(emulator.tokenRequests()).isZero();
		}

	}

}
