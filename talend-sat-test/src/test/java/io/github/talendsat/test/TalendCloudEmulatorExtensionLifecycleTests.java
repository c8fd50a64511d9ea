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

import io.github.talendsat.test.TalendCloudEmulator.Account;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link TalendCloudEmulatorExtension} registered without a static field.
 */
class TalendCloudEmulatorExtensionLifecycleTests {

	@Test
	void extensionWhenAfterAllCalledThenEmulatorStopped() {
		TalendCloudEmulatorExtension extension = TalendCloudEmulatorExtension.withAccount("client-1", "secret-1");
		extension.beforeAll(null);
		TalendCloudEmulator emulator = extension.emulator();
		assertThat(emulator.isRunning()).isTrue();
		extension.afterAll(null);
		assertThat(emulator.isRunning()).isFalse();
	}

	@Test
	void extensionWhenRegisteredPerTestThenStoppedAfterEachTest() {
		TalendCloudEmulatorExtension extension = TalendCloudEmulatorExtension.withAccount("client-1", "secret-1");
		extension.beforeEach(null);
		TalendCloudEmulator emulator = extension.emulator();
		assertThat(emulator.isRunning()).isTrue();
		extension.afterEach(null);
		assertThat(emulator.isRunning()).isFalse();
	}

	@Nested
	@ExtendWith(TalendCloudEmulatorExtension.class)
	class ExtendWithTests {

		@Test
		void extensionWhenRegisteredWithExtendWithThenDemoAccountGetsTokens(TalendCloudEmulator emulator) {
			assertThat(new TalendHttp(emulator).requestToken(Account.DEMO_CLIENT_ID, Account.DEMO_CLIENT_SECRET)
				.statusCode()).isEqualTo(200);
		}

	}

	@Nested
	class InstanceFieldTests {

		@RegisterExtension
		TalendCloudEmulatorExtension talend = TalendCloudEmulatorExtension.withAccount("client-1", "secret-1");

		@Test
		void extensionWhenRegisteredOnInstanceFieldThenRunsDuringTest(TalendCloudEmulator emulator) {
			assertThat(emulator).isSameAs(this.talend.emulator());
			assertThat(new TalendHttp(emulator).requestToken("client-1", "secret-1").statusCode()).isEqualTo(200);
		}

	}

}
