<label class="field<?cs if:Form.question.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.kb_question ?></span>
<input type="text" name="question" maxlength="200" value="<?cs var:Form.question.Value ?>" required><?cs call:field_error("question") ?></label>
<label class="field<?cs if:Form.alternatives.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.kb_alternatives ?> <small><?cs var:Lang.kb.alternatives_hint ?></small></span>
<textarea name="alternatives" rows="3" maxlength="2000"><?cs var:Form.alternatives.Value ?></textarea><?cs call:field_error("alternatives") ?></label>
<label class="field<?cs if:Form.answer.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.kb_answer ?></span>
<textarea name="answer" rows="4" maxlength="2000" required><?cs var:Form.answer.Value ?></textarea><?cs call:field_error("answer") ?></label>
<label class="field<?cs if:Form.category.Error ?> bad<?cs /if ?>"><span><?cs var:Lang.field.kb_category ?></span>
<input type="text" name="category" maxlength="60" value="<?cs var:Form.category.Value ?>"><?cs call:field_error("category") ?></label>
<label class="check"><input type="checkbox" name="enabled" value="1"<?cs if:Form.enabled.Value || !Form.question.Value ?> checked<?cs /if ?>> <?cs var:Lang.field.kb_enabled ?></label>
