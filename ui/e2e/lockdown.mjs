// The kiosk window's lockdown: whatever a page (or anything injected into one) tries, the
// window stays on the kiosk's own screen. Runs last: a failure here may leave the window
// elsewhere.
import assert from 'node:assert/strict';

/** Addresses a page might send the window to; none may be shown. `BLOB` is made in the page. */
function addresses(hubUrl) {
  return [
    'https://example.com/',
    'http://example.com/login',
    'https://www.google.com/search?q=izin',
    'http://127.0.0.1:8080/',
    'http://localhost/',
    'http://localhost:1420/', // the dev server: only under `tauri dev`
    'http://localhost:1420/index.html',
    'http://[::1]/',
    'http://10.0.0.1/admin',
    'ftp://example.com/file.txt',
    "javascript:window.__lockdown='pwned'",
    'javascript:alert(1)',
    'data:text/html,<h1>bukan anjungan</h1>',
    'data:text/html;base64,PGgxPmJ1a2FuPC9oMT4=',
    'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
    'file:///etc/passwd',
    'file:///',
    'file:///tmp/',
    'BLOB',
    'about:blank',
    'about:config',
    'view-source:tauri://localhost/index.html',
    'webkit://gpu',
    'tauri://localhost.evil.example/',
    'tauri://evil.example/index.html',
    'tauri://localhost@evil.example/index.html',
    'tauri://user:pass@localhost/index.html',
    'tauri://localhost:8080/index.html',
    'http://tauri.localhost.evil.example/index.html',
    'http://tauri.localhost@evil.example/',
    'https://tauri.localhost:8443/index.html',
    'http://xn--turi-localhost-xyz.example/',
    'tauri://localhost/staff.html', // the app's own, but not this window's
    'tauri://localhost/assets/',
    '//example.com/',
    'ipc://localhost/app_info',
    'http://ipc.localhost/app_info',
    'preview://localhost/frame',
    'http://preview.localhost/frame',
    'mailto:pengaduan@example.com',
    'tel:+620725000000',
    'sms:+620725000000',
    `${hubUrl}/`,
    `${hubUrl}/t/123456789012`,
    `${hubUrl}/v1/office`,
    `${hubUrl}/p/abc`,
  ];
}

/** Ways a page can leave: [method, addresses it is tried with]. */
const METHODS = ['assign', 'replace', 'link', 'blank', 'open', 'form', 'frame-top'];

export default (ctx) => {
  const { browser, home } = ctx;

  /** Tries one way out from inside the page. Refusals that throw are refusals too. */
  async function attempt(method, target) {
    await browser.execute((method, target) => {
      try {
        const url = target === 'BLOB'
          ? URL.createObjectURL(new Blob(['<h1>bukan anjungan</h1>'], { type: 'text/html' }))
          : target;
        const link = (blank) => {
          const a = document.createElement('a');
          a.href = url;
          if (blank) a.target = '_blank';
          document.body.append(a);
          a.click();
          a.remove();
        };
        if (method === 'assign') window.location.href = url;
        else if (method === 'replace') window.location.replace(url);
        else if (method === 'link') link(false);
        else if (method === 'blank') link(true);
        else if (method === 'open') window.open(url, '_blank');
        else if (method === 'form') {
          const form = document.createElement('form');
          form.action = url;
          form.method = 'get';
          document.body.append(form);
          form.submit();
          form.remove();
        } else if (method === 'frame-top') {
          const frame = document.createElement('iframe');
          frame.srcdoc = `<script>top.location.href = ${JSON.stringify(url)}</scr` + `ipt>`;
          document.body.append(frame);
          setTimeout(() => frame.remove(), 200);
        }
      } catch {
        // refused by the engine itself
      }
    }, method, target);
    await browser.pause(150);
  }

  /** Windows open before the attempts (earlier tests may have left the staff window). */
  let windows = 1;

  /** The window is where it was: same page, same document (the marker survives), no new window. */
  async function stillHere(what) {
    const state = await browser.execute(() => ({
      url: window.location.href,
      marker: window.__lockdown,
      home: !!document.querySelector('[data-testid="tile-status"]'),
    }));
    assert.match(state.url, /^tauri:\/\/localhost(\/(index\.html)?)?$/, `${what}: ${state.url}`);
    assert.equal(state.marker, 'here', `${what}: the page was replaced or a script ran`);
    assert.ok(state.home, `${what}: the home screen is gone`);
    assert.equal((await browser.getWindowHandles()).length, windows, `${what}: a new window opened`);
  }

  return [
    ['lockdown: every address, by every way out, ends on the kiosk\'s own screen', async () => {
      await home();
      windows = (await browser.getWindowHandles()).length;
      await browser.execute(() => { window.__lockdown = 'here'; });
      const targets = addresses(ctx.hub.url);
      assert.ok(targets.length >= 40, `${targets.length} addresses`);
      let tried = 0;
      for (const target of targets) {
        await attempt('assign', target);
        await stillHere(`assign ${target}`);
        tried += 1;
      }
      // Every other way out, with one address of each kind.
      const sample = ['https://example.com/', 'data:text/html,<h1>x</h1>', 'file:///etc/passwd', 'BLOB',
        'tauri://localhost/staff.html', `${ctx.hub.url}/t/123456789012`, 'javascript:window.__lockdown=\'pwned\''];
      for (const method of METHODS.filter((m) => m !== 'assign')) {
        for (const target of sample) {
          await attempt(method, target);
          await stillHere(`${method} ${target}`);
          tried += 1;
        }
      }
      console.log(`# lockdown: ${targets.length} addresses, ${tried} attempts, all refused`);
    }],
    ['lockdown: dragging a link or an image, and dropping a link or a file, leave the screen as it is', async () => {
      await home();
      windows = (await browser.getWindowHandles()).length;
      await browser.execute(() => {
        window.__lockdown = 'here';
        const a = document.createElement('a');
        a.href = 'https://example.com/';
        a.id = 'lockdown-link';
        a.textContent = 'example.com';
        a.style.cssText = 'position:fixed;left:40px;top:300px;font-size:40px;z-index:99';
        const img = document.createElement('img');
        img.id = 'lockdown-image';
        img.src = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><rect width="80" height="80" fill="red"/></svg>');
        img.style.cssText = 'position:fixed;left:40px;top:420px;z-index:99';
        document.body.append(a, img);
      });
      // A finger (and a mouse) pressing on the link or the image and dragging it across.
      for (const id of ['lockdown-link', 'lockdown-image']) {
        for (const pointerType of ['mouse', 'touch']) {
          const el = await browser.$(`#${id}`);
          await browser.action('pointer', { parameters: { pointerType } })
            .move({ origin: el }).down().pause(300).move({ origin: 'pointer', x: 600, y: 200, duration: 400 }).up().perform();
          await browser.pause(300);
          await stillHere(`${pointerType} drag of ${id}`);
        }
      }
      // Something dropped in from outside: a link, and a file. The page takes neither.
      const taken = await browser.execute(() => {
        const drop = (fill) => {
          const data = new DataTransfer();
          fill(data);
          const target = document.querySelector('[data-testid="tile-status"]');
          const over = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data });
          const dropped = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data });
          target.dispatchEvent(over);
          target.dispatchEvent(dropped);
          return over.defaultPrevented && dropped.defaultPrevented;
        };
        return [
          drop((d) => d.setData('text/uri-list', 'https://example.com/')),
          drop((d) => d.items.add(new File(['<h1>x</h1>'], 'bukan.html', { type: 'text/html' }))),
        ];
      });
      assert.deepEqual(taken, [true, true], 'the page refuses both drops');
      await browser.pause(300);
      await stillHere('dropped link and file');
      await browser.execute(() => document.querySelectorAll('#lockdown-link, #lockdown-image').forEach((e) => e.remove()));
    }],
    ['lockdown: reload, back, zoom and close keys do nothing', async () => {
      await home();
      windows = (await browser.getWindowHandles()).length;
      await browser.execute(() => { window.__lockdown = 'here'; });
      const width = () => browser.execute(() => document.querySelector('[data-testid="tile-status"]').getBoundingClientRect().width);
      const before = await width();
      // Keys go to the page itself (a click could open a tile).
      await browser.execute(() => document.activeElement?.blur());
      for (const keys of [['F5'], ['Control', 'r'], ['Control', 'Shift', 'r'], ['Alt', 'ArrowLeft'], ['Backspace'],
        ['Control', '='], ['Control', '+'], ['Control', '-'], ['Control', '0'], ['Control', 'w'], ['Control', 'q'],
        ['Control', 'Shift', 'i'], ['F12'], ['F11'], ['Alt', 'F4']]) {
        await browser.keys(keys.map((k) => ({ F5: '\uE035', F11: '\uE03B', F12: '\uE03C', F4: '\uE034',
          Control: '\uE009', Shift: '\uE008', Alt: '\uE00A', ArrowLeft: '\uE012', Backspace: '\uE003' }[k] ?? k)));
        await browser.pause(150);
        await stillHere(keys.join('+'));
        assert.equal(await width(), before, `${keys.join('+')}: the page was zoomed`);
      }
    }],
  ];
};
