# communique — messages en français. Chaque identifiant d'en.ftl doit figurer ici (un test le vérifie).

## Ce qui a été trouvé

problem-io = impossible de lire le fichier : { $detail }
problem-too-large = le fichier fait { $size } octets, au-delà de la limite de { $limit } octets
problem-invalid-utf8 = caractère UTF-8 invalide à l'octet { $offset }
problem-windows-1252 = le fichier n'est pas en UTF-8 ; il a été lu en Windows-1252
problem-symlink = un lien symbolique n'est pas publié
problem-not-regular-file = ce n'est pas un fichier ordinaire (tube, périphérique ou socket)
problem-empty = le fichier est vide
problem-unterminated-front-matter = l'en-tête ouvert par `---` n'est jamais fermé
problem-front-matter-too-large = l'en-tête fait { $size } octets, au-delà de la limite de { $limit } octets
problem-yaml = l'en-tête n'est pas du YAML valide : { $detail }
problem-front-matter-not-mapping = l'en-tête doit être une suite de lignes `clé: valeur`
problem-field-shape = `{ $key }` n'a pas la forme attendue : { $found }
problem-missing-title = aucun titre trouvé
problem-missing-date = aucune date de publication trouvée
problem-bad-date = `{ $value }` n'est pas une date
problem-bad-slug = le nom du fichier ne donne aucun nom de sortie utilisable
problem-duplicate-output = `{ $other }` et ce fichier donnent la même sortie `{ $output }`
problem-control-characters = { $count } caractère(s) invisible(s) que XML ne peut pas porter ont été retirés
problem-too-deep = Markdown imbriqué sur { $depth } niveaux, au-delà de la limite de { $limit }
problem-conflicting-dates = le même article est daté du { $here } ici et du { $there } dans { $other }
problem-unknown-shape = ni communiqué, ni événement, ni page de revue de presse reconnus
problem-active-link = un lien `{ $scheme }` n'est jamais publié comme article
problem-empty-link = le lien `{ $dest }` n'a pas d'adresse
problem-not-web-address = `{ $dest }` n'est pas une adresse web
problem-relative-link = lien relatif `{ $dest }` lu comme { $url }
problem-invisible-character-in-key = la clé `{ $key }` contient un caractère invisible
problem-duplicate-key = `{ $key }` est écrit deux fois (d'abord ligne { $first })
problem-misspelled-control = `{ $key }` n'est pas une clé connue, mais ressemble à `{ $control }` : le fichier est retenu
problem-unknown-key = clé inconnue `{ $key }`
problem-bad-control-value = `{ $key }: { $value }` ne se lit ni comme oui ni comme non : le fichier est retenu
problem-bad-embargo = `embargo: { $value }` n'est pas une date : le fichier est retenu
problem-unreadable-embargo-notice = mention d'embargo sans date lisible : « { $notice } »
problem-embargo-notice-without-time = mention d'embargo sans heure : retenu jusqu'à minuit le { $date }
problem-placeholder = texte provisoire trouvé : { $words }
problem-date-far-ahead = la date { $date } est à plus d'un an : la publication attendra jusque-là
problem-date-too-old = la date { $date } est antérieure à 1990 : sans doute une faute de frappe
problem-slot-taken = ce fichier est refusé : `{ $online }` est en ligne à la même adresse ({ $output })
problem-still-online = toujours en ligne : la version du { $since }

problem-yaml-quote = un guillemet ouvert ici n'est jamais fermé
problem-yaml-tab = une tabulation sert d'indentation
problem-yaml-colon = une valeur contient `: ` sans guillemets
problem-yaml-apostrophe = une apostrophe termine une valeur écrite entre apostrophes

problem-undated-article = article ignoré : { $reason }
problem-ignored-file = ignoré : seuls les fichiers .md et .markdown sont lus
problem-unread-format = format non lu ({ $format }) : seuls les fichiers Markdown (.md, .markdown) sont lus
problem-no-article-link = article ignoré : aucun lien vers l'article
problem-home-page-link = article ignoré : `{ $dest }` est la page d'accueil d'un site, pas un article

problem-bad-permalink = permalien `{ $permalink }` : Jekyll ne connaît pas la variable `:{ $placeholder }`
problem-link-without-scheme = le lien `{ $dest }` n'a pas de `https://` : lu comme { $url }
problem-bad-updated-date = `{ $value }` n'est pas une date ; la date de correction est ignorée
problem-no-site-page = la construction Jekyll du site ne publie aucune page pour un fichier nommé `{ $name }`

problem-pdf-too-long = le PDF dépasserait { $limit } pages ; il n'est pas publié
problem-missing-glyphs = aucune police ne sait imprimer { $chars } : le PDF n'est pas publié
problem-image-not-embedded = l'image `{ $src }` n'est pas dans le PDF ({ $reason }) ; dans le corps, son texte alternatif la remplace

problem-same-title-and-date = `{ $other }` publie le même titre le même jour : une copie ?

## Que faire

hint-bad-date = écrivez `date: 2023-09-12 10:00:00 +02:00`, `date: 2023-09-12` ou `date: 12 septembre 2023`
hint-bad-embargo = écrivez l'embargo sous la forme `2024-03-01 08:00` (heure de Paris) ou `2024-03-01 08:00:00 +01:00` ; le fichier reste non publié tant qu'il ne se lit pas
hint-bad-slug = nommez le fichier avec des lettres et des chiffres, par exemple `lancement-suite-numerique.md`
hint-check-year = vérifiez l'année de la date
hint-control-characters = retirez les caractères de contrôle invisibles (souvent collés depuis Word ou un PDF)
hint-control-draft = écrivez `draft: true` pour retenir le fichier, ou supprimez la ligne
hint-control-embargo = écrivez `embargo: 2024-03-12 08:00` (heure de Paris) ; le fichier reste retenu jusque-là
hint-control-published = écrivez `published: false` pour retenir le fichier, ou supprimez la ligne
hint-control-value = écrivez `{ $key }: true` ou `{ $key }: false` (oui/non, vrai/faux sont compris)
hint-damaged-utf8 = les octets invalides ont été retirés ; retapez le texte à cet endroit
hint-did-you-mean = voulez-vous dire `{ $key }` ?
hint-duplicate-key = gardez une seule des deux lignes : impossible de deviner laquelle était voulue
hint-duplicate-output = renommez l'un des fichiers : chaque publication a besoin de son propre nom de fichier
hint-embargo-notice = écrivez la mention ainsi : « EMBARGO JUSQU'AU 12 MARS 2024 À 8 H 00 », ou ajoutez `embargo: 2024-03-12 08:00` dans un en-tête
hint-embargo-notice-time = ajoutez l'heure à la mention, par exemple « à 8 h 00 »
hint-empty = écrivez un titre et une date, ou supprimez le fichier
hint-event-date = écrivez par exemple `2023-05-10 14:00:00 +02:00`
hint-front-matter-not-mapping = écrivez une ligne `clé: valeur` par ligne, par exemple `title: Mon communiqué`
hint-front-matter-too-large = déplacez le texte long dans le corps, sous le `---` de fermeture
hint-invisible-character = retapez la clé `{ $key }` à la main : elle contient un caractère qui ne se voit pas
hint-missing-date = ajoutez `date: 2023-09-12 10:00:00 +02:00` dans l'en-tête, ou une ligne de date « Paris, le 12 septembre 2023 »
hint-missing-title = ajoutez `title: …` dans l'en-tête, ou un intertitre sous « COMMUNIQUÉ DE PRESSE »
hint-no-article = listez les articles ainsi : `**12 septembre 2023**` suivi de `[Titre](https://…)`
hint-not-regular-file = seuls les fichiers Markdown ordinaires sont publiés
hint-pdf-failed = le communiqué est dans les flux sans son PDF ; signalez-le avec le fichier
hint-permissions = vérifiez les droits du fichier
hint-placeholder = remplacez le texte provisoire par le texte définitif ; le fichier reste non publié d'ici là
hint-slot-taken = donnez un autre nom à ce fichier, ou modifiez le fichier qui est en ligne
hint-still-online = la version ci-dessus reste publiée tant que ce fichier ne se lit pas ; corrigez-le, ou supprimez-le pour le retirer
hint-symlink = copiez le fichier dans releases/ au lieu d'y faire un lien
hint-title-too-long = mettez le détail dans `chapeau-text` ou dans le corps
hint-too-deep = réduisez l'imbrication des citations ou des listes
hint-too-large = découpez le document, ou relevez `limits.max-file-bytes` dans communique.toml
hint-unknown-shape = placez le fichier dans releases/communiques, releases/agenda ou releases/revue-de-presse, ou ajoutez `layout: communique`
hint-unterminated-front-matter = fermez l'en-tête par une ligne ne contenant que `---`
hint-windows-1252 = lu en Windows-1252 ; enregistrez le fichier en UTF-8 pour faire disparaître ce message
hint-yaml = vérifiez l'indentation et mettez entre guillemets les valeurs contenant `:` ou `#`, par exemple title: "Bilan : 2023"

hint-yaml-quote = fermez le guillemet à la fin de la valeur, par exemple title: "Bilan 2023"
hint-yaml-tab = remplacez la tabulation par des espaces
hint-yaml-colon = mettez la valeur entre guillemets, par exemple title: "Bilan : 2023"
hint-yaml-apostrophe = écrivez la valeur entre guillemets doubles, par exemple title: "L'État"

hint-updated-date = écrivez `updated: 2024-03-12 10:00:00 +01:00`

hint-same-title-and-date = supprimez la copie, ou changez l'un des deux titres

## Ligne de commande

cli-about = Service de presse de la DINUM : communiqués Markdown → flux Atom/RSS et communiqués PDF
cli-build = Lit releases/ et écrit feeds/ (seuls les fichiers dont le contenu change sont réécrits)
cli-check = Lit et signale les problèmes sans rien écrire. Code de sortie 1 en cas d'erreur
cli-list = Affiche chaque publication et son statut (publié, programmé, brouillon, non publié, erreur)
cli-new = Crée une publication à partir d'un modèle (brouillon), dans le bon dossier ; affiche son chemin
cli-watch = Publie, puis republie ce qui change dans releases/ jusqu'à interruption
cli-arg-releases = Dossier des publications Markdown
cli-arg-out = Dossier de sortie des flux et des PDF
cli-arg-config = Fichier de réglages (par défaut : communique.toml s'il existe)
cli-arg-state = Où communique garde ce dont il se souvient d'une fois sur l'autre (par défaut : .communique/<nom du dossier de sortie> à côté du dossier de sortie)
cli-arg-now = L'instant de publication, pour les embargos (`2026-12-01 08:00`, `12 mars 2026 8h00`, RFC 3339) ; par défaut : maintenant
cli-arg-allow-withdraw = Publier même si cela retire plus de la moitié de ce qui est en ligne
cli-arg-json = Un objet JSON par ligne, pour les scripts
cli-arg-debounce = Délai de calme après le dernier événement avant de republier (millisecondes)
cli-arg-kind = Ce qu'il faut créer : communique, evenement ou revue
cli-arg-title = Son titre
cli-heading-usage = Utilisation :
cli-default = par défaut :
cli-heading-options = Options
cli-heading-commands = Commandes
cli-help = Afficher l'aide
cli-version = Afficher la version
cli-error = erreur
cli-warning = avertissement
cli-bad-now = `{ $value }` n'est pas une date ; écrivez par exemple `2026-12-01 08:00` (heure de Paris)
cli-problem-count = { $errors } erreur(s), { $warnings } avertissement(s)
cli-lock-wait = en attente : un autre communique (processus { $pid }) écrit dans { $out }
cli-build-summary = { $summary } ; { $pdfs } PDF produit(s) ; { $written } fichier(s) écrit(s), { $removed } retiré(s) ; { $ms } ms
cli-would-withdraw = cette publication retirerait { $withdrawn } des { $published } entrées en ligne (par exemple { $examples }) ; rien n'a été écrit ni retiré
    aide : vérifiez --releases ; pour les retirer volontairement, relancez avec --allow-withdraw
cli-no-releases = { $path } : aucune publication trouvée ; rien n'a été publié ni retiré (dossier non monté ?)
    aide : vérifiez --releases ; pour vider les flux volontairement, relancez avec --allow-withdraw
cli-releases-unreadable = { $path } : impossible de lire le dossier des publications : { $detail }
cli-summary-published = { $n ->
    [one] { $n } publié
   *[other] { $n } publiés
}
cli-summary-scheduled = { $n ->
    [one] { $n } programmé{ $next }
   *[other] { $n } programmés{ $next }
}
cli-summary-next = { " " }(prochain : { $at })
cli-summary-drafts = { $n ->
    [one] { $n } brouillon
   *[other] { $n } brouillons
}
cli-summary-unpublished = { $n ->
    [one] { $n } non publié
   *[other] { $n } non publiés
}
cli-summary-errors = { $n ->
    [one] { $n } erreur
   *[other] { $n } erreurs
}
cli-until = jusqu'au { $at }
cli-new-bad-title = `{ $title }` ne donne aucun nom de fichier : utilisez des lettres ou des chiffres
cli-new-exists = { $path } existe déjà : choisissez un autre titre, ou modifiez ce fichier
cli-new-done = brouillon créé : retirez `draft: true` quand il est prêt, puis lancez `communique check`
cli-watching = surveillance de { $path } (Ctrl-C pour arrêter)
cli-resolved = { $path } : plus aucun problème
cli-rebuild = [{ $time }] { $added } ajouté(s), { $changed } modifié(s), { $removed } supprimé(s) ; { $written } fichier(s) écrit(s), { $deleted } retiré(s) ; { $entries } entrées, { $errors } erreur(s) ; { $ms } ms
cli-embargo-lifted = publié maintenant (fin d'embargo) : { $path }
cli-next-embargo = prochaine publication programmée : { $at }
status-published = publié
status-scheduled = programmé
status-draft = brouillon
status-unpublished = non publié
status-error = erreur

## Raisons et conseils typés (ticket 11 : plus de prose anglaise dans les diagnostics)

problem-no-dated-article = aucun article daté trouvé sur cette page de revue de presse
problem-title-too-long = titre de plus de { $limit } caractères, coupé
problem-non-utf8-file-name = le nom du fichier n'est pas en UTF-8
problem-pdf-failed = { $cause }

reason-not-a-date = `{ $value }` n'est pas une date
reason-date-above-unreadable = la date au-dessus (ligne { $line }), `{ $value }`, n'est pas une date
reason-empty-date-cell = sa case de date est vide
reason-no-date-nearby = aucune date sur sa ligne ni au-dessus
reason-no-date-key = il n'a pas de `date`

format-html = page HTML
format-org = fichier Org-mode

image-remote = les images distantes ne sont pas téléchargées
image-not-a-path = ce n'est pas un chemin de fichier
image-parent-dir = `..` n'est pas permis dans le chemin d'une image
image-no-assets = aucun dossier `[pdf] assets` n'est configuré pour les images en `/…`
image-unknown-folder = le dossier du fichier du communiqué est inconnu
image-too-large = { $path } dépasse { $limit } octets
image-missing = { $path } n'existe pas
image-unreadable = { $path } : { $detail }
image-not-an-image = { $path } : ce n'est pas une image PNG, JPEG, GIF ou WebP
image-damaged = { $path } : { $detail }

pdf-export = l'export du PDF a échoué : { $detail }
pdf-unreadable = { $path } : lecture impossible : { $detail }
pdf-font = { $path } : police inutilisable : { $detail }
pdf-logo = { $path } : logo inutilisable : { $detail }

hint-article-web-page = mettez en lien la page web de l'article : `[titre](https://…)`
hint-article-address = mettez l'adresse de l'article entre les parenthèses : `[titre](https://…)`
hint-article-full-address = écrivez l'adresse complète de l'article : `[titre](https://…)`
hint-date-column = écrivez la date dans la colonne des dates de la ligne, par exemple `12 mars 2024` ou `2024-03-12`
hint-date-year = écrivez aussi l'année, par exemple `(12 mars 2019)`
hint-article-date = écrivez sa date sur la ligne au-dessus, par exemple `**12 septembre 2023**`, ou à côté du lien : `[Titre]({ $dest }) (12 septembre 2023)`
hint-relative-link = écrivez l'adresse complète (https://…) si l'article n'est pas sur ce site
hint-press-date = écrivez la date sous la forme `**12 septembre 2023**` (jour, mois en lettres, année)
hint-home-page-link = mettez en lien la page de l'article lui-même : `[Titre](https://…/article)`
hint-row-link = mettez le lien de l'article dans la ligne du tableau : `[Titre](https://…)`
hint-listed-url = article { $n } de la liste : ajoutez son adresse : `url: https://…`
hint-listed-date = article { $n } de la liste : écrivez `date: 12 mars 2019` dans l'élément
hint-listed-full-url = article { $n } de la liste : écrivez l'adresse complète de l'article : `url: https://…`
hint-no-site-page = Jekyll ignore les noms qui commencent par `_`, `.`, `#` ou `~` ou finissent par `~` ou `.` : renommez le fichier pour que son lien mène à une vraie page
hint-bad-permalink = utilisez les variables de Jekyll (`:title`, `:year`, `:categories`…) ou un chemin simple comme `/espace-presse/mon-communique/`
hint-whole-address = écrivez l'adresse complète : `{ $url }`
hint-html-press-page = écrivez la revue de presse en Markdown (.md) : `- [Titre](https://…) (12 mars 2019)`
hint-convert-org = convertissez-le en Markdown (`pandoc -f org -t gfm -o x.md x.org`) pour publier ses articles
hint-convert-html = écrivez la revue de presse en Markdown (.md) ; une page .html n'est lue qu'avec un en-tête YAML
hint-convert-document = convertissez-le en Markdown (.md) pour le publier, ou sortez-le de releases/
hint-rename-to-md = renommez-le avec l'extension .md pour le publier, ou sortez-le de releases/
hint-foreign-file = sortez-le de releases/, ou enregistrez-le en Markdown (.md) pour le publier
hint-non-utf8-file-name = renommez le fichier : son nom contient des caractères illisibles (souvent des accents venus d'un autre système)
hint-conflicting-dates = le même article n'est publié qu'une fois, daté du { $date } ; corrigez la date dans le fichier qui se trompe
hint-pdf-too-long = scindez le communiqué, ou augmentez `[pdf] max-pages` dans communique.toml
hint-missing-glyphs = retirez ces caractères, ou indiquez une police qui les possède dans `[pdf] fallback-fonts`
hint-image-not-embedded = placez l'image à côté du fichier du communiqué, ou dans le dossier `[pdf] assets` pour `/uploads/…`

## Avertissements du hub WebSub (après « avertissement : »)

websub-not-told = le hub WebSub { $hub } n'a pas été prévenu du changement de { $topic } : { $why } ; les abonnés le verront à leur prochaine consultation du flux
websub-unreachable = le hub WebSub { $hub } est injoignable ({ $why }) ; { $count ->
    [one] { $count } flux modifié n'a pas été annoncé
   *[other] { $count } flux modifiés n'ont pas été annoncés
}, à commencer par { $topic } ; les abonnés les verront à leur prochaine consultation
websub-status = le hub a répondu HTTP { $status }
websub-attempts = { $why }, après { $attempts } essais
websub-not-built = ce communique a été compilé sans la fonction `websub`

## Problèmes de la surveillance elle-même (après « avertissement : »)

watch-cannot-watch = { $path } : impossible de surveiller ce dossier : { $detail }
watch-settings-not-applied = réglages non appliqués : { $detail }
watch-rebuild-failed = la reconstruction a échoué : { $detail }
watch-keeping-settings = { $detail } ; les réglages précédents restent en vigueur
watch-file-watcher = surveillance des fichiers : { $detail }
watch-gone = la surveillance des fichiers s'est arrêtée de façon inattendue
websub-refused = connexion refusée
websub-timed-out = pas de réponse à temps
websub-host-not-found = nom d'hôte introuvable
cli-cause = cause : { $detail }
cli-config-unreadable = { $path } : impossible de lire le fichier de réglages
cli-cannot-write = { $path } : écriture impossible
cli-signals = impossible d'intercepter Ctrl-C et les signaux d'arrêt
cli-output = impossible d'écrire sur la sortie standard
asset-not-a-font = ce n'est pas une police TrueType ou OpenType que krilla sait lire
asset-not-png = ce n'est pas un fichier PNG ; donnez le bloc-marque en PNG
asset-empty-png = PNG de taille nulle
asset-damaged-png = PNG illisible : { $detail }
pipeline-pdf-assets = fichiers du PDF : { $detail }
