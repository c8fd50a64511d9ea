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

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.github.talendsat.test.TalendCloudEmulator.Account;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link TalendCloudEmulator} as a process, for trying a client by hand.
 * <p>
 * Arguments: {@code [--port=<port>] [--client-id=<id>] [--client-secret=<secret>]}; a
 * bare number is taken as the port. The port defaults to {@value #DEFAULT_PORT}. The
 * account comes from the arguments, else from the environment variables
 * {@value #CLIENT_ID_VARIABLE} and {@value #CLIENT_SECRET_VARIABLE}, else it is the
 * {@linkplain Account#demo() demo account}. Prefer the environment for the secret:
 * arguments show in process listings. The emulator listens on 127.0.0.1 only, prints its
 * URLs and the client id, never the secret, and runs until the process is interrupted.
 *
 * @since 0.1.0
 */
public final class TalendCloudEmulatorApplication {

	static final int DEFAULT_PORT = 8090;

	static final String CLIENT_ID_VARIABLE = "TALEND_EMULATOR_CLIENT_ID";

	static final String CLIENT_SECRET_VARIABLE = "TALEND_EMULATOR_CLIENT_SECRET";

	private TalendCloudEmulatorApplication() {
	}

	/**
	 * Start the emulator and block until interrupted.
	 * @param args the arguments described above
	 * @throws InterruptedException never in practice: an interrupt stops the emulator
	 * first
	 */
	public static void main(String[] args) throws InterruptedException {
		TalendCloudEmulator emulator = start(args, System.getenv(), System.out);
		Runtime.getRuntime().addShutdownHook(new Thread(emulator::stop, "talend-cloud-emulator-shutdown"));
		try {
			// Nothing counts this latch down: the main thread waits until it is
			// interrupted.
			new CountDownLatch(1).await();
		}
		finally {
			emulator.stop();
		}
	}

	static TalendCloudEmulator start(String[] args, Map<String, String> environment, PrintStream out) {
		int port = DEFAULT_PORT;
		String clientId = environment.get(CLIENT_ID_VARIABLE);
		String clientSecret = environment.get(CLIENT_SECRET_VARIABLE);
		for (String arg : args) {
			if (arg.startsWith("--port=")) {
				port = parsePort(arg.substring("--port=".length()));
			}
			else if (arg.startsWith("--client-id=")) {
				clientId = arg.substring("--client-id=".length());
			}
			else if (arg.startsWith("--client-secret=")) {
				clientSecret = arg.substring("--client-secret=".length());
			}
			else {
				port = parsePort(arg);
			}
		}
		Account account = account(clientId, clientSecret);
		TalendCloudEmulator emulator = TalendCloudEmulator.builder().port(port).account(account).build().start();
		out.println("Talend Cloud emulator listening on " + emulator.baseUrl());
		out.println("Token endpoint: " + emulator.tokenUri());
		out.println("Client id: " + account.clientId() + " (the secret is not printed)");
		out.println("Stop with Ctrl+C");
		return emulator;
	}

	private static int parsePort(String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Expected [--port=<port>] [--client-id=<id>] [--client-secret=<secret>]"
					+ " but got an argument that is not one of them", ex);
		}
	}

	private static Account account(@Nullable String clientId, @Nullable String clientSecret) {
		if (isBlank(clientId) && isBlank(clientSecret)) {
			return Account.demo();
		}
		Check.argument(!isBlank(clientId) && !isBlank(clientSecret),
				"client id and client secret must be given together, or neither for the demo account");
		return Account.of(clientId, clientSecret);
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
