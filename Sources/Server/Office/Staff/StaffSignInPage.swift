/// The staff sign-in pages: the employee number, then the code sent to the work phone.
enum StaffSignInPage {
    static func employeeNumber(error: String? = nil, employeeNumber: String = "") -> String {
        HTML.page(
            title: "JHT office – sign in",
            body: """
                <main class="signin">
                <h1>Office sign-in</h1>
                \(error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
                <form method="post" action="/staff/sign-in">
                  <label for="employeeNumber">Employee number</label>
                  <input id="employeeNumber" name="employeeNumber" inputmode="numeric" autocomplete="username" required maxlength="32" value="\(HTML.escape(employeeNumber))">
                  <button type="submit">Send me a code</button>
                </form>
                <p class="muted">A six-digit code goes to your registered work phone.</p>
                </main>
                """
        )
    }

    static func code(challengeID: String, deviceID: String, sentTo: String, error: String? = nil) -> String {
        HTML.page(
            title: "JHT office – enter the code",
            body: """
                <main class="signin">
                <h1>Enter the code</h1>
                \(error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
                <p>We sent a six-digit code to \(HTML.escape(sentTo)). It works for 5 minutes.</p>
                <form method="post" action="/staff/sign-in">
                  <input type="hidden" name="challengeId" value="\(HTML.escape(challengeID))">
                  <input type="hidden" name="deviceId" value="\(HTML.escape(deviceID))">
                  <label for="code">Code</label>
                  <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus>
                  <button type="submit">Sign in</button>
                </form>
                <p class="muted"><a href="/staff/sign-in">Start again</a></p>
                </main>
                """
        )
    }
}
