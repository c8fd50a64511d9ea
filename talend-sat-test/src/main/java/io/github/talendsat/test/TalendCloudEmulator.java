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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.talendsat.test.Catalog.Task;
import io.github.talendsat.test.Catalog.Workspace;
import org.jspecify.annotations.Nullable;

/**
 * A Talend Cloud emulator on a loopback port, for tests of code that obtains
 * service-account tokens and calls the Talend Cloud API with them.
 * <p>
 * The token endpoint, {@code POST /security/oauth/token}, follows what Talend documents:
 * a JSON object body with {@code grant_type} {@code client_credentials} and the API base
 * URL as {@code audience}, and {@code Basic} credentials that are the plain
 * {@code id:secret} pair in Base64, not form-encoded first. It answers 401 for missing or
 * wrong credentials, 400 for a malformed request, 403 for an account without the "Service
 * Account - Manage" permission, and otherwise issues a signed JWT. The API
 * ({@code /account/users}, {@code /orchestration/workspaces},
 * {@code /orchestration/executables/tasks}, {@code /processing/executions}) accepts only
 * unexpired, unrevoked tokens of this emulator and answers 401 with a
 * {@code WWW-Authenticate} challenge otherwise.
 * <p>
 * Methods let a test script the situations a client must survive (a slow or hanging token
 * endpoint, error answers, odd token response shapes, revoked tokens) and read exact
 * counters and request logs afterwards. Time comes from a {@link Clock}, so expiry is
 * tested by moving the clock rather than by waiting. The emulator never logs a request.
 * <pre>{@code
 * try (TalendCloudEmulator talend = TalendCloudEmulator.builder().account("id", "secret").build().start()) {
 *     // point the client at talend.baseUrl() and talend.tokenUri()
 * }
 * }</pre>
 *
 * @since 0.1.0
 * @see TalendCloudEmulatorExtension
 */
public final class TalendCloudEmulator implements AutoCloseable {

	private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(30);

	private final Accounts accounts = new Accounts();

	private final Traffic traffic = new Traffic();

	private final RequestGate gate = new RequestGate();

	private final TokenScript tokenScript = new TokenScript();

	private final ApiScript apiScript = new ApiScript();

	private final Catalog catalog = Catalog.standard();

	private final Origin origin = new Origin();

	private final ShiftableClock clock;

	private final Tokens tokens;

	private final Executions executions;

	private final EmulatorServer server;

	private TalendCloudEmulator(Builder builder) {
		this.clock = new ShiftableClock(builder.clock);
		this.tokens = new Tokens(this.clock, builder.tokenLifetime);
		this.executions = new Executions(this.clock);
		this.origin.port(builder.port);
		builder.accounts.forEach(this.accounts::add);
		TokenEndpoint tokenEndpoint = new TokenEndpoint(this.traffic, this.gate, this.tokenScript, this.accounts,
				this.tokens, this.origin);
		TalendApi api = new TalendApi(this.catalog, this.executions, this.accounts);
		ApiEndpoint apiEndpoint = new ApiEndpoint(this.traffic, this.apiScript, this.tokens, api);
		this.server = new EmulatorServer(new Dispatcher(tokenEndpoint, apiEndpoint));
	}

	/**
	 * Return a builder with the defaults: a random free port on 127.0.0.1, no account,
	 * tokens that live 30 minutes and the system clock.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start serving. Starting a running emulator does nothing; starting a stopped one
	 * serves again on the port it had, so a test can make the endpoint refuse connections
	 * for a while.
	 * @return this emulator
	 */
	public TalendCloudEmulator start() {
		synchronized (this.server) {
			this.gate.open();
			this.origin.port(this.server.start(this.origin.port()));
		}
		return this;
	}

	/**
	 * Stop serving. Requests held by {@link #tokenEndpointHangs(boolean)} or
	 * {@link #tokenDelay(Duration)} are released with a 503 answer first, so this returns
	 * promptly. Counters, logs and scripts are kept.
	 */
	public void stop() {
		synchronized (this.server) {
			this.gate.close();
			this.server.stop();
		}
	}

	/**
	 * Stop serving, as {@link #stop()} does.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Return whether the emulator is serving.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public boolean isRunning() {
		return this.server.isRunning();
	}

	/**
	 * Return the port, known once the emulator has started or when a fixed port was built
	 * in.
	 * @return the port
	 * @throws IllegalStateException if the port is not known yet
	 */
	public int port() {
		int port = this.origin.port();
		if (port == 0) {
			throw new IllegalStateException("TalendCloudEmulator has no port yet; call start() first");
		}
		return port;
	}

	/**
	 * Return the API base URL, also the {@code audience} a token request must name.
	 * @return {@code http://127.0.0.1:<port>}, without a trailing slash
	 */
	public String baseUrl() {
		port();
		return this.origin.baseUrl();
	}

	/**
	 * Return the URL of the token endpoint.
	 * @return {@link #baseUrl()} followed by {@code /security/oauth/token}
	 */
	public String tokenUri() {
		return baseUrl() + TokenEndpoint.PATH;
	}

	/**
	 * Add a service account with both permissions, or replace the account that has this
	 * id.
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 */
	public void addAccount(String clientId, String clientSecret) {
		addAccount(Account.of(clientId, clientSecret));
	}

	/**
	 * Add a service account, or replace the account that has the same id.
	 * @param account the account
	 */
	public void addAccount(Account account) {
		this.accounts.add(Check.notNull(account, "account"));
	}

	/**
	 * Remove a service account; its credentials are rejected from now on and its tokens
	 * can no longer start executions.
	 * @param clientId the client id
	 */
	public void removeAccount(String clientId) {
		this.accounts.remove(Check.notNull(clientId, "clientId"));
	}

	/**
	 * Set the lifetime of tokens issued from now on: their {@code expires_in} and the
	 * distance between their {@code iat} and {@code exp} claims.
	 * @param lifetime a whole number of seconds, at least one
	 */
	public void tokenLifetime(Duration lifetime) {
		this.tokens.lifetime(Builder.checkLifetime(lifetime));
	}

	/**
	 * Delay every token answer, whatever it is.
	 * @param delay the delay, {@link Duration#ZERO} for none
	 */
	public void tokenDelay(Duration delay) {
		Check.argument(!Check.notNull(delay, "delay").isNegative(), "delay must not be negative");
		this.tokenScript.delay(delay);
	}

	/**
	 * Make the token endpoint accept connections and requests and never answer, until
	 * this is turned off (held requests then go on) or the emulator stops.
	 * @param hang whether the token endpoint hangs
	 */
	public void tokenEndpointHangs(boolean hang) {
		this.gate.hang(hang);
	}

	/**
	 * Answer the next token requests with a raw answer instead of the normal one,
	 * whatever the request. Such requests still count in {@link #tokenRequests()}.
	 * @param count how many requests, {@link Integer#MAX_VALUE} for all until
	 * {@link #clearTokenFailures()}, 0 to clear
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type} header, or {@code null} for none
	 * @param body the body, or {@code null} for none
	 */
	public void failTokenRequests(int count, int status, @Nullable String contentType, @Nullable String body) {
		this.tokenScript.failures().arm(checkCount(count), Answer.raw(checkStatus(status), contentType, body));
	}

	/**
	 * Stop answering token requests with the answer set by
	 * {@link #failTokenRequests(int, int, String, String)}.
	 */
	public void clearTokenFailures() {
		this.tokenScript.failures().clear();
	}

	/**
	 * Replace the body of successful token answers, to test how a client reads odd but
	 * valid shapes. The request is still checked as usual; only a request that would get
	 * a token gets this body, with status 200 and {@code Content-Type: application/json}.
	 * {@code ${access_token}} in the body is replaced by a newly issued token (counted in
	 * {@link #tokensIssued()}) and {@code ${expires_in}} by the token lifetime in
	 * seconds.
	 * @param rawJson the body, or {@code null} to restore the normal one
	 */
	public void tokenResponseBody(@Nullable String rawJson) {
		this.tokenScript.responseBody(rawJson);
	}

	/**
	 * Make the API reject every token issued or accepted so far, as if Talend had revoked
	 * them. Tokens issued afterwards are accepted.
	 */
	public void revokeIssuedTokens() {
		this.tokens.revokeIssued();
	}

	/**
	 * Answer the next API calls that carry an otherwise valid token with 401 and
	 * {@code WWW-Authenticate: Bearer error="invalid_token"}, as Talend does for a token
	 * it no longer accepts.
	 * @param count how many calls, {@link Integer#MAX_VALUE} for all until
	 * {@link #reset()}, 0 to clear
	 */
	public void rejectNextApiCalls(int count) {
		this.apiScript.rejections().arm(checkCount(count), Answer.invalidToken());
	}

	/**
	 * Answer the next API calls that carry a valid token with a raw answer, such as a 403
	 * or a 429, instead of the normal one.
	 * @param count how many calls, {@link Integer#MAX_VALUE} for all until
	 * {@link #clearApiFailures()}, 0 to clear
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type} header, or {@code null} for none
	 * @param body the body, or {@code null} for none
	 */
	public void failNextApiCalls(int count, int status, @Nullable String contentType, @Nullable String body) {
		this.apiScript.failures().arm(checkCount(count), Answer.raw(checkStatus(status), contentType, body));
	}

	/**
	 * Stop answering API calls with the answer set by
	 * {@link #failNextApiCalls(int, int, String, String)}.
	 */
	public void clearApiFailures() {
		this.apiScript.failures().clear();
	}

	/**
	 * Sign a token as the token endpoint would, without a token request, for a test that
	 * needs a valid token in a scripted body or a request of its own. It is not counted
	 * in {@link #tokensIssued()}.
	 * @param clientId the client id the token is for
	 * @return the JWT
	 */
	public String mintToken(String clientId) {
		return this.tokens.mint(Check.notEmpty(clientId, "clientId"), baseUrl(), baseUrl()).value();
	}

	/**
	 * Make the API accept a token that is not a JWT, such as one named in
	 * {@link #tokenResponseBody(String)}, until it is revoked or the emulator is reset.
	 * @param token the exact bearer token
	 * @param clientId the client id the token stands for
	 */
	public void acceptToken(String token, String clientId) {
		this.tokens.accept(Check.notEmpty(token, "token"), Check.notEmpty(clientId, "clientId"));
	}

	/**
	 * Move the emulator's clock forward, for instance past the expiry of issued tokens.
	 * @param amount how far, not negative
	 */
	public void advanceClock(Duration amount) {
		Check.argument(!Check.notNull(amount, "amount").isNegative(), "amount must not be negative");
		this.clock.advance(amount);
	}

	/**
	 * Put counters, logs, scripts, revocations, accepted tokens, executions, the clock
	 * offset and the token lifetime back as they were built. Accounts are kept, and
	 * tokens issued before stay valid until they expire, as on a real server.
	 */
	public void reset() {
		this.tokenScript.reset();
		this.apiScript.reset();
		this.gate.hang(false);
		this.tokens.reset();
		this.clock.reset();
		this.executions.clear();
		this.traffic.reset();
	}

	/**
	 * Return how many requests reached the token endpoint, accepted or not.
	 * @return the count since start or the last {@link #reset()}
	 */
	public int tokenRequests() {
		return this.traffic.tokenRequests();
	}

	/**
	 * Return how many tokens the token endpoint issued.
	 * @return the count since start or the last {@link #reset()}
	 */
	public int tokensIssued() {
		return this.traffic.tokensIssued();
	}

	/**
	 * Return how many requests reached any path other than the token endpoint.
	 * @return the count since start or the last {@link #reset()}
	 */
	public int apiCalls() {
		return this.traffic.apiCalls();
	}

	/**
	 * Return how many API calls were answered 401.
	 * @return the count since start or the last {@link #reset()}
	 */
	public int rejectedApiCalls() {
		return this.traffic.rejectedApiCalls();
	}

	/**
	 * Wait until at least the given number of requests have reached the token endpoint,
	 * for tests that must know a request is held before they go on.
	 * @param count the number of token requests to wait for
	 * @param timeout how long to wait at most
	 * @return {@code true} if they arrived in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitTokenRequests(int count, Duration timeout) throws InterruptedException {
		return this.traffic.awaitTokenRequests(count, Check.notNull(timeout, "timeout"));
	}

	/**
	 * Return every token request in the order received. Their headers and bodies hold
	 * client secrets: assert on them, never print them.
	 * @return the requests since start or the last {@link #reset()}
	 */
	public List<RecordedRequest> tokenRequestLog() {
		return this.traffic.tokenRequestLog();
	}

	/**
	 * Return every API call in the order received. Their headers hold access tokens.
	 * @return the requests since start or the last {@link #reset()}
	 */
	public List<RecordedRequest> apiRequestLog() {
		return this.traffic.apiRequestLog();
	}

	/**
	 * Return the distinct bearer tokens that API calls carried, valid or not, in the
	 * order first seen.
	 * @return the tokens since start or the last {@link #reset()}
	 */
	public Set<String> tokensSeen() {
		return this.traffic.tokensSeen();
	}

	/**
	 * Return the ids of the tasks the emulated account holds, the same in every run.
	 * @return the task ids, in the order {@code /orchestration/executables/tasks} lists
	 * them
	 */
	public List<String> taskIds() {
		return this.catalog.tasks().stream().map(Task::id).toList();
	}

	/**
	 * Return the ids of the workspaces the emulated account holds, the same in every run.
	 * @return the workspace ids, in the order {@code /orchestration/workspaces} lists
	 * them
	 */
	public List<String> workspaceIds() {
		return this.catalog.workspaces().stream().map(Workspace::id).toList();
	}

	private static int checkCount(int count) {
		Check.argument(count >= 0, "count must not be negative");
		return count;
	}

	private static int checkStatus(int status) {
		Check.argument(status >= 100 && status <= 599, "status must be between 100 and 599");
		return status;
	}

	/**
	 * A service account: client id, client secret and the two permissions the emulator
	 * checks. {@link #toString()} never shows the secret.
	 *
	 * @param clientId the client id; it cannot hold a colon, which separates it from the
	 * secret in a {@code Basic} credential
	 * @param clientSecret the client secret
	 * @param canManageServiceAccount whether the account has the "Service Account -
	 * Manage" permission that the token endpoint requires
	 * @param canExecute whether the account may run tasks through
	 * {@code POST /processing/executions}
	 * @since 0.1.0
	 */
	public record Account(String clientId, String clientSecret, boolean canManageServiceAccount, boolean canExecute) {

		/**
		 * The client id of the demo account, used where none is given.
		 */
		public static final String DEMO_CLIENT_ID = "talend-emulator-client";

		/**
		 * The client secret of the demo account; a fixture value, not a real secret.
		 */
		public static final String DEMO_CLIENT_SECRET = "talend-emulator-secret";

		/**
		 * Create an account, checking its id and secret.
		 * @param clientId the client id
		 * @param clientSecret the client secret
		 * @param canManageServiceAccount whether the account may obtain tokens
		 * @param canExecute whether the account may run tasks
		 */
		public Account {
			Check.notEmpty(clientId, "clientId");
			Check.argument(clientId.indexOf(':') < 0, "clientId must not contain ':'");
			Check.notEmpty(clientSecret, "clientSecret");
		}

		/**
		 * Create an account with both permissions.
		 * @param clientId the client id
		 * @param clientSecret the client secret
		 * @return the account
		 */
		public static Account of(String clientId, String clientSecret) {
			return new Account(clientId, clientSecret, true, true);
		}

		/**
		 * Return the demo account, {@value #DEMO_CLIENT_ID}, with both permissions.
		 * @return the demo account
		 */
		public static Account demo() {
			return of(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
		}

		/**
		 * Return a copy with or without the "Service Account - Manage" permission.
		 * @param permitted whether the account may obtain tokens
		 * @return the copy
		 */
		public Account withManageServiceAccount(boolean permitted) {
			return new Account(this.clientId, this.clientSecret, permitted, this.canExecute);
		}

		/**
		 * Return a copy with or without the permission to run tasks.
		 * @param permitted whether the account may run tasks
		 * @return the copy
		 */
		public Account withExecute(boolean permitted) {
			return new Account(this.clientId, this.clientSecret, this.canManageServiceAccount, permitted);
		}

		@Override
		public String toString() {
			return "Account[clientId=" + this.clientId + ", clientSecret=******, canManageServiceAccount="
					+ this.canManageServiceAccount + ", canExecute=" + this.canExecute + "]";
		}

	}

	/**
	 * Builds a {@link TalendCloudEmulator}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int port;

		private final List<Account> accounts = new ArrayList<>();

		private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Set the port on 127.0.0.1.
		 * @param port the port, 0 (the default) for a random free one
		 * @return this builder
		 */
		public Builder port(int port) {
			Check.argument(port >= 0 && port <= 65535, "port must be between 0 and 65535");
			this.port = port;
			return this;
		}

		/**
		 * Add a service account with both permissions.
		 * @param clientId the client id
		 * @param clientSecret the client secret
		 * @return this builder
		 */
		public Builder account(String clientId, String clientSecret) {
			return account(Account.of(clientId, clientSecret));
		}

		/**
		 * Add a service account.
		 * @param account the account
		 * @return this builder
		 */
		public Builder account(Account account) {
			this.accounts.add(Check.notNull(account, "account"));
			return this;
		}

		/**
		 * Set the lifetime of issued tokens.
		 * @param tokenLifetime a whole number of seconds, at least one; 30 minutes by
		 * default, as on Talend Cloud
		 * @return this builder
		 */
		public Builder tokenLifetime(Duration tokenLifetime) {
			this.tokenLifetime = checkLifetime(tokenLifetime);
			return this;
		}

		/**
		 * Set the clock that token issue and expiry follow.
		 * @param clock the clock, {@link Clock#systemUTC()} by default
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Check.notNull(clock, "clock");
			return this;
		}

		/**
		 * Build the emulator; {@link TalendCloudEmulator#start()} starts it.
		 * @return the emulator
		 */
		public TalendCloudEmulator build() {
			return new TalendCloudEmulator(this);
		}

		static Duration checkLifetime(Duration lifetime) {
			Check.notNull(lifetime, "tokenLifetime");
			Check.argument(lifetime.getSeconds() >= 1 && lifetime.getNano() == 0,
					"tokenLifetime must be a whole number of seconds, at least 1, but was " + lifetime);
			return lifetime;
		}

	}

}
