<?cs if:Nav == "console" ?>
<aside id="keys-help" class="card" hidden>
<h2><?cs var:Lang.keys.title ?></h2>
<dl class="keys">
<dt><kbd><?cs var:Lang.keys.send ?></kbd></dt><dd><?cs var:Lang.keys.send_what ?></dd>
<dt><kbd>Esc</kbd></dt><dd><?cs var:Lang.keys.esc_what ?></dd>
<dt><kbd>p</kbd></dt><dd><?cs var:Lang.keys.p_what ?></dd>
<dt><kbd>r</kbd></dt><dd><?cs var:Lang.keys.r_what ?></dd>
<dt><kbd>/</kbd></dt><dd><?cs var:Lang.keys.slash_what ?></dd>
<dt><kbd>Alt+1</kbd> … <kbd>Alt+3</kbd></dt><dd><?cs var:Lang.keys.suggest_what ?></dd>
<dt><kbd>t</kbd></dt><dd><?cs var:Lang.keys.t_what ?></dd>
<dt><kbd>c</kbd></dt><dd><?cs var:Lang.keys.c_what ?></dd>
<dt><kbd>?</kbd></dt><dd><?cs var:Lang.keys.help_what ?></dd>
</dl>
</aside>
<?cs /if ?>
</main>
</body>
</html>
