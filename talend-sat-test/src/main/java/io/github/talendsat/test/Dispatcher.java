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

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Sends each request to the token endpoint or to the API, and turns a defect of the
 * emulator into a 500 answer instead of a server error page that could echo the request.
 */
final class Dispatcher {

	private static final Logger logger = System.getLogger(Dispatcher.class.getName());

	private final TokenEndpoint tokenEndpoint;

	private final ApiEndpoint apiEndpoint;

	Dispatcher(TokenEndpoint tokenEndpoint, ApiEndpoint apiEndpoint) {
		this.tokenEndpoint = tokenEndpoint;
		this.apiEndpoint = apiEndpoint;
	}

	Answer dispatch(RecordedRequest request) {
		try {
			return TokenEndpoint.PATH.equals(request.path()) ? this.tokenEndpoint.handle(request)
					: this.apiEndpoint.handle(request);
		}
		catch (RuntimeException ex) {
			// The request itself is not logged: it may carry a secret or a token.
			logger.log(Level.WARNING, "Talend Cloud emulator failed to answer a request", ex);
			return Answer.error(500, "Internal Server Error");
		}
	}

}
