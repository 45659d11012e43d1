% rebase('base.tpl')

<article class="page">
<h1>{{title}}</h1>
{{!linebreaks(text)}}
</article>
<section class="comments" aria-labelledby="comments-heading">
<h2 id="comments-heading">Comments</h2>
<form method="post" action="/" class="comment-form">
<input type="hidden" name="csrfmiddlewaretoken" value="{{csrf_token}}">
<div>
    <label for="id_author">Author:</label>



<input type="text" name="author" maxlength="64" required id="id_author">
    
</div>

  <div>
    <label for="id_body">Body:</label>



<textarea name="body" cols="40" rows="10" maxlength="1024" required id="id_body">
</textarea>
    
      
    
</div>
<p id="body-left" class="hint" aria-live="polite">At most 1024 characters.</p>
<button type="submit">Post comment</button>
</form>

<ol id="comment-list" class="comment-list">
% for comment in page:

<li id="c{{comment.id}}" class="comment">
<p class="meta"><strong class="author">{{comment.author}}</strong> <time datetime="{{comment.time.isoformat()}}">{{format_datetime(comment.time)}} UTC</time></p>
<p class="body">{{!linebreaksbr(comment.body)}}</p>
</li>
% end
% if not page.object_list:

<li class="no-comments">No comments yet. Be the first!</li>
% end

</ol>
% if page.has_other_pages:

<nav class="pages" aria-label="Comment pages">
{{!('<a rel="prev" href="?page=%d">Newer comments</a>' % page.previous_page_number) if page.has_previous else ""}}
<span>Page {{page.number}} of {{page.num_pages}}</span>
{{!('<a rel="next" href="?page=%d">Older comments</a>' % page.next_page_number) if page.has_next else ""}}
</nav>
% end

</section>
