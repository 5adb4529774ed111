// The login and logout pages: the forms post to Spring Security with the session's CSRF token
// (read from /api/csrf: no inline script, Content-Security-Policy script-src 'self').
(function () {
  'use strict';
  const $ = (selector) => document.querySelector(selector);

  async function csrf(form) {
    const response = await fetch('/api/csrf', { headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } });
    if (!response.ok) return;
    const token = await response.json();
    const input = form.querySelector('input[type=hidden]');
    input.name = token.parameterName;
    input.value = token.token;
    // the button waits for the token: a form posted without it would be refused (403)
    form.querySelector('button[type=submit]').disabled = false;
  }

  function message(text, kind) {
    const p = $('#login-message');
    p.textContent = text;
    p.className = 'status-' + kind;
    p.hidden = false;
  }

  async function loginPage() {
    const params = new URLSearchParams(location.search);
    if (params.has('error')) message('Wrong user name or password.', 'error');
    else if (params.has('logout')) message('You are logged out.', 'ok');
    await csrf($('#login-form'));
    document.body.dataset.ready = '';
  }

  async function logoutPage() {
    const user = await videokit.navigation();
    if (!user) {
      $('#logout-question').textContent = 'You are not logged in.';
    } else {
      $('#logout-question').textContent = 'Log out ' + user.name + '?';
      await csrf($('#logout-form'));
    }
    document.body.dataset.ready = '';
  }

  const page = document.body.dataset.page;
  if (page === 'login') {
    videokit.navigation();
    loginPage();
  } else if (page === 'logout') {
    logoutPage();
  }
})();
