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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.talendsat.test.TalendCloudEmulator.Account;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link TalendCloudEmulatorApplication}.
 */
class TalendCloudEmulatorApplicationTests {

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.output, true, StandardCharsets.UTF_8);

	@Test
	void startWhenAccountFromEnvironmentThenServesItAndPrintsNoSecret() {
		Map<String, String> environment = Map.of(TalendCloudEmulatorApplication.CLIENT_ID_VARIABLE, "env-client",
				TalendCloudEmulatorApplication.CLIENT_SECRET_VARIABLE, "env-secret");
		try (TalendCloudEmulator emulator = TalendCloudEmulatorApplication.start(new String[] { "--port=0" },
				environment, this.out)) {
			assertThat(new TalendHttp(emulator).requestToken("env-client", "env-secret").statusCode()).isEqualTo(200);
			String printed = this.output.toString(StandardCharsets.UTF_8);
			assertThat(printed).contains(emulator.baseUrl(), emulator.tokenUri(), "env-client")
				.doesNotContain("env-secret");
		}
	}

	@Test
	void startWhenAccountFromArgumentsThenArgumentsWin() {
		Map<String, String> environment = Map.of(TalendCloudEmulatorApplication.CLIENT_ID_VARIABLE, "env-client",
				TalendCloudEmulatorApplication.CLIENT_SECRET_VARIABLE, "env-secret");
		String[] args = { "0", "--client-id=arg-client", "--client-secret=arg-secret" };
		try (TalendCloudEmulator emulator = TalendCloudEmulatorApplication.start(args, environment, this.out)) {
			assertThat(new TalendHttp(emulator).requestToken("arg-client", "arg-secret").statusCode()).isEqualTo(200);
			assertThat(this.output.toString(StandardCharsets.UTF_8)).doesNotContain("arg-secret");
		}
	}

	@Test
	void startWhenNoAccountGivenThenDemoAccountAndItsSecretNotPrinted() {
		try (TalendCloudEmulator emulator = TalendCloudEmulatorApplication.start(new String[] { "--port=0" }, Map.of(),
				this.out)) {
			assertThat(new TalendHttp(emulator).requestToken(Account.DEMO_CLIENT_ID, Account.DEMO_CLIENT_SECRET)
				.statusCode()).isEqualTo(200);
			assertThat(this.output.toString(StandardCharsets.UTF_8)).contains(Account.DEMO_CLIENT_ID)
				.doesNotContain(Account.DEMO_CLIENT_SECRET);
		}
	}

	@Test
	void startWhenOnlyClientIdGivenThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> TalendCloudEmulatorApplication.start(new String[] { "--client-id=x" }, Map.of(), this.out))
			.withMessage("client id and client secret must be given together, or neither for the demo account");
	}

	@Test
	void startWhenArgumentUnknownThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TalendCloudEmulatorApplication.start(new String[] { "--verbose" }, Map.of(), this.out))
			.withMessageStartingWith("Expected [--port=<port>]");
	}

}
